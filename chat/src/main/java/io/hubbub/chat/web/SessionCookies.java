package io.hubbub.chat.web;

import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed session cookie that carries who a browser signed in as: {@code base64url(userId).issuedAt.mac}, the MAC
 * being HMAC-SHA256 over the first two parts. Nothing is stored server-side; a cookie older than
 * {@link #LIFETIME} or with a wrong MAC is ignored.
 */
public final class SessionCookies {

    public static final String NAME = "hubbub_chat_session";
    static final Duration LIFETIME = Duration.ofDays(30);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final boolean secure;
    private final LongSupplier epochSeconds;

    public SessionCookies(String secret, boolean secure, LongSupplier epochSeconds) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.secure = secure;
        this.epochSeconds = epochSeconds;
    }

    public Cookie issue(String userId) {
        String payload = B64.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "." + epochSeconds.getAsLong();
        return cookie(payload + "." + mac(payload), (int) LIFETIME.toSeconds());
    }

    /** An expired, empty cookie: signing out. */
    public Cookie cleared() {
        return cookie("", 0);
    }

    public Optional<String> verify(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int lastDot = value.lastIndexOf('.');
        int firstDot = value.indexOf('.');
        if (firstDot < 1 || lastDot <= firstDot) {
            return Optional.empty();
        }
        String payload = value.substring(0, lastDot);
        byte[] expected = mac(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = value.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        try {
            long issued = Long.parseLong(value.substring(firstDot + 1, lastDot));
            if (epochSeconds.getAsLong() - issued > LIFETIME.toSeconds()) {
                return Optional.empty();
            }
            return Optional.of(new String(Base64.getUrlDecoder().decode(value.substring(0, firstDot)),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return Optional.empty();
        }
    }

    private Cookie cookie(String value, int maxAge) {
        // Lax: sent on top-level navigation, not on cross-site POSTs (the CSRF half that Origin checks don't cover)
        return new Cookie(NAME, value, "/", maxAge, secure, true, null, SameSite.LAX);
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
