package io.hubbub.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reconnection tokens of reliable connections: base64url of the issue time and an HMAC (either access key) over
 * hub, connection id and that time. Unguessable, bound to one connection, valid for a week; whether the connection
 * can still be recovered is the hub's question, not the token's.
 */
public final class ReconnectionTokens {

    static final Duration LIFETIME = Duration.ofDays(7);
    private static final int MAC_BYTES = 24;

    private final AccessKeys keys;
    private final Clock clock;

    public ReconnectionTokens(AccessKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String issue(String hub, String connectionId) {
        long issuedAt = clock.instant().getEpochSecond();
        byte[] mac = Arrays.copyOf(keys.signWithPrimary(input(hub, connectionId, issuedAt)), MAC_BYTES);
        ByteBuffer token = ByteBuffer.allocate(8 + MAC_BYTES).putLong(issuedAt).put(mac);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** True if {@code token} was issued by us for this connection and has not expired. */
    public boolean verify(String token, String hub, String connectionId) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length != 8 + MAC_BYTES) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        long issuedAt = buffer.getLong();
        byte[] mac = new byte[MAC_BYTES];
        buffer.get(mac);
        long now = clock.instant().getEpochSecond();
        if (issuedAt > now + Jwt.SKEW.toSeconds() || now - issuedAt > LIFETIME.toSeconds()) {
            return false;
        }
        boolean ok = false;
        for (byte[] expected : keys.signWithEach(input(hub, connectionId, issuedAt))) {
            ok |= MessageDigest.isEqual(Arrays.copyOf(expected, MAC_BYTES), mac);
        }
        return ok;
    }

    private static byte[] input(String hub, String connectionId, long issuedAt) {
        return ("reconnect\n" + hub + "\n" + connectionId + "\n" + issuedAt).getBytes(StandardCharsets.UTF_8);
    }
}
