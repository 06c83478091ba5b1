package io.hubbub.chat.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code ce-signature}: the service sends {@code sha256=<hex>} per access key it holds, each the HMAC-SHA256 of
 * the connection id under the key's UTF-8 bytes. One match with our key proves the request came from a holder of
 * the key, which is what stops anyone else from posting fake events (say, a "message" in another user's name).
 */
public final class SignatureVerifier {

    private final SecretKeySpec key;

    public SignatureVerifier(String accessKey) {
        this.key = new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public boolean verify(String connectionId, String signatureHeader) {
        if (connectionId == null || signatureHeader == null) {
            return false;
        }
        byte[] expected = ("sha256=" + sign(connectionId)).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : signatureHeader.split("[,\\s]+")) {
            byte[] given = candidate.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }

    String sign(String connectionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(connectionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
