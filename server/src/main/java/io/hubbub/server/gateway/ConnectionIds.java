package io.hubbub.server.gateway;

import java.security.SecureRandom;
import java.util.Base64;

/** Connection ids: base64url of 16 random bytes (22 characters), unguessable and unique without coordination. */
final class ConnectionIds {

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
