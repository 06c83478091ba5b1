package io.hubbub.server.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature has been verified, with their parsed claims. Parsing and the HMAC are most of a REST call's
 * CPU, and callers reuse tokens: the SDKs sign one per request, but with second-resolution {@code iat}/{@code exp},
 * so every request to the same URL within a second carries the same bytes, and long-lived tokens repeat for hours.
 * The key is the whole token, signature included, so a hit means these exact bytes were verified before. Time claims
 * are not cached: the caller checks them on every use. Bounded: when full it starts over, which costs one
 * verification per token and never grows memory.
 */
final class VerifiedTokenCache {

    private final int capacity;
    private final ConcurrentHashMap<String, JWTClaimsSet> verified;

    VerifiedTokenCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.verified = new ConcurrentHashMap<>(capacity * 2);
    }

    /** The claims of {@code token} if it was verified before, else null. */
    JWTClaimsSet get(String token) {
        return verified.get(token);
    }

    void put(String token, JWTClaimsSet claims) {
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, claims);
    }

    int size() {
        return verified.size();
    }
}
