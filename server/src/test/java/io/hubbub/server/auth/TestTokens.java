package io.hubbub.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-built JWTs, so tests control every header and claim byte, independently of {@link Jwt#sign}. */
final class TestTokens {

    static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh";
    static final String SECONDARY_KEY = "secondary-secondary-secondary-secondary-key";
    static final String JS_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    static final String JAVA_HEADER = "{\"alg\":\"HS256\"}";

    private TestTokens() {
    }

    /** An HS256 token with the JS SDK's header. */
    static String hs256(String claimsJson, String key) {
        return signed(JS_HEADER, claimsJson, key, "HmacSHA256");
    }

    static String signed(String headerJson, String claimsJson, String key, String macAlgorithm) {
        String input = b64(headerJson) + "." + b64(claimsJson);
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), macAlgorithm));
            byte[] sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
