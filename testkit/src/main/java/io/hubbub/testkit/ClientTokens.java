package io.hubbub.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs test tokens the way the SDKs do (HS256 over the UTF-8 bytes of the key), with any claims a test needs. */
public final class ClientTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String key;
    private final String endpoint;

    public ClientTokens(String key, String endpoint) {
        this.key = key;
        this.endpoint = endpoint;
    }

    /** A client token for {@code hub} valid for an hour; null userId = anonymous, empty lists are omitted. */
    public String client(String hub, String userId, List<String> roles, List<String> groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", endpoint + "/client/hubs/" + hub);
        claims.put("exp", Instant.now().getEpochSecond() + 3600);
        if (userId != null) {
            claims.put("sub", userId);
        }
        if (!roles.isEmpty()) {
            claims.put("role", roles);
        }
        if (!groups.isEmpty()) {
            claims.put("webpubsub.group", groups);
        }
        return sign(claims, key);
    }

    /** Any claims, signed with any key: for negative tests. */
    public static String sign(Map<String, Object> claims, String key) {
        try {
            String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String input = header + "." + payload;
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
