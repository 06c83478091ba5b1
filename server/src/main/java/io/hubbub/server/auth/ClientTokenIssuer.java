package io.hubbub.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mints client access tokens for {@code POST :generateToken}, with the claims the SDKs mint locally. */
public final class ClientTokenIssuer {

    private final Jwt jwt;
    private final Clock clock;

    public ClientTokenIssuer(Jwt jwt, Clock clock) {
        this.jwt = jwt;
        this.clock = clock;
    }

    /**
     * @param audience {@code http(s)://host[:port]/client/hubs/{hub}} (or the MQTT / Socket.IO path)
     */
    public String issue(String audience, String userId, List<String> roles, List<String> groups, Duration lifetime) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iat", now);
        claims.put("exp", now + lifetime.toSeconds());
        if (userId != null && !userId.isEmpty()) {
            claims.put("sub", userId);
        }
        if (!roles.isEmpty()) {
            claims.put(ClientTokenVerifier.ROLE_CLAIM, roles);
        }
        if (!groups.isEmpty()) {
            claims.put(ClientTokenVerifier.GROUP_CLAIM, groups);
        }
        return jwt.sign(claims);
    }
}
