package io.hubbub.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primary and optional secondary AccessKey. Every SDK uses the UTF-8 bytes of the key string as the HMAC key,
 * never its base64 decoding, for REST tokens, client tokens and webhook signatures alike.
 */
public final class AccessKeys {

    /** Keys shorter than this make the Java SDK silently send unauthenticated requests. */
    public static final int MIN_SAFE_KEY_BYTES = 32;

    private final List<SecretKeySpec> keys;
    /** One initialised Mac per key and thread: Mac.getInstance costs more than the HMAC of a short token. */
    private final List<ThreadLocal<Mac>> macs;

    public AccessKeys(String primary, String secondary) {
        List<SecretKeySpec> list = new ArrayList<>(2);
        list.add(spec(primary));
        if (secondary != null && !secondary.isEmpty()) {
            list.add(spec(secondary));
        }
        this.keys = List.copyOf(list);
        List<ThreadLocal<Mac>> perKey = new ArrayList<>(keys.size());
        for (SecretKeySpec key : keys) {
            perKey.add(ThreadLocal.withInitial(() -> newMac(key)));
        }
        this.macs = List.copyOf(perKey);
    }

    /** A new random key: base64 of 32 random bytes (44 characters), as the cloud service generates them. */
    public static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static boolean isShort(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length < MIN_SAFE_KEY_BYTES;
    }

    /** HMAC-SHA256 with the primary key. */
    public byte[] signWithPrimary(byte[] data) {
        return macs.get(0).get().doFinal(data);
    }

    /** HMAC-SHA256 with each key, primary first. */
    public List<byte[]> signWithEach(byte[] data) {
        List<byte[]> out = new ArrayList<>(keys.size());
        for (ThreadLocal<Mac> mac : macs) {
            out.add(mac.get().doFinal(data));
        }
        return out;
    }

    /** True when {@code signature} is the HMAC-SHA256 of {@code data} under any key; constant time per key. */
    public boolean verifies(byte[] data, byte[] signature) {
        for (ThreadLocal<Mac> mac : macs) {
            if (java.security.MessageDigest.isEqual(mac.get().doFinal(data), signature)) {
                return true;
            }
        }
        return false;
    }

    private static SecretKeySpec spec(String key) {
        return new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
