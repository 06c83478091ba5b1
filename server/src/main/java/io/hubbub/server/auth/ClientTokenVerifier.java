package io.hubbub.server.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates a client access token presented on the WebSocket upgrade. {@code aud} must name this hub's client path;
 * its scheme is ignored (http, https, ws and wss all occur) and its host must be the one the client used (the
 * request's Host) or the configured public endpoint, which covers reverse proxies and port mappings.
 */
public final class ClientTokenVerifier {

    public static final String ROLE_CLAIM = "role";
    public static final String GROUP_CLAIM = "webpubsub.group";

    private final Jwt jwt;
    private final URI publicEndpoint;

    public ClientTokenVerifier(Jwt jwt, URI publicEndpoint) {
        this.jwt = jwt;
        this.publicEndpoint = publicEndpoint;
    }

    /**
     * @param token the raw JWT
     * @param hub the lower-cased hub being connected to
     * @param hubInQuery true for the {@code /client/?hub=} form, whose tokens may name just {@code /client}
     * @param requestHost the Host header of the upgrade request, or null
     */
    public ClientIdentity verify(String token, String hub, boolean hubInQuery, String requestHost)
            throws AuthException {
        JWTClaimsSet claims = jwt.verify(token);
        List<String> audiences = claims.getAudience();
        if (audiences == null || audiences.isEmpty()) {
            throw new AuthException("The access token has no audience (aud).");
        }
        boolean matched = false;
        for (String aud : audiences) {
            matched |= audienceMatches(aud, hub, hubInQuery, requestHost);
        }
        if (!matched) {
            throw new AuthException("The access token audience does not match this hub's client endpoint.");
        }
        Object sub = claims.getClaim("sub");
        if (sub instanceof Collection<?> subs && subs.size() > 1) {
            throw new AuthException("The access token has more than one sub claim.");
        }
        String userId = sub instanceof Collection<?> subs ? (subs.isEmpty() ? null : String.valueOf(subs.iterator()
                .next())) : sub == null ? null : String.valueOf(sub);
        if (userId != null && userId.isEmpty()) {
            userId = null;
        }
        return new ClientIdentity(userId, strings(claims.getClaim(ROLE_CLAIM)), strings(claims.getClaim(GROUP_CLAIM)),
                claimMap(claims));
    }

    boolean audienceMatches(String aud, String hub, boolean hubInQuery, String requestHost) {
        // Parsed by hand: java.net.URI has no host for names with '_' (Docker Compose service names).
        int cut = indexOfAny(aud, '?', '#');
        String withoutQuery = cut >= 0 ? aud.substring(0, cut) : aud;
        int schemeEnd = withoutQuery.indexOf("://");
        if (schemeEnd <= 0) {
            return false;
        }
        String scheme = withoutQuery.substring(0, schemeEnd);
        String rest = withoutQuery.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = (slash >= 0 ? rest.substring(slash) : "").toLowerCase(Locale.ROOT);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean pathOk = path.endsWith("/client/hubs/" + hub) || (hubInQuery && path.endsWith("/client"));
        if (!pathOk || authority.isEmpty()) {
            return false;
        }
        String audAuthority = normalize(scheme, authority);
        if (requestHost != null && audAuthority.equals(normalize(scheme, requestHost.trim()))) {
            return true;
        }
        return publicEndpoint != null && audAuthority.equals(
                normalize(publicEndpoint.getScheme(), publicEndpoint.getRawAuthority()));
    }

    /** host[:port], lower-cased, with the scheme's default port dropped, so http://h:80 and a Host of h match. */
    static String normalize(String scheme, String authority) {
        String a = authority.toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at >= 0) {
            a = a.substring(at + 1);
        }
        int colon = a.lastIndexOf(':');
        if (colon < 0 || a.indexOf(']', colon) >= 0) {
            return a; // no port (a bracketed IPv6 address may hold colons)
        }
        String port = a.substring(colon + 1);
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        String defaultPort = s.equals("https") || s.equals("wss") ? "443" : "80";
        return port.isEmpty() || port.equals(defaultPort) ? a.substring(0, colon) : a;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static List<String> strings(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof Collection<?> values) {
            List<String> out = new ArrayList<>(values.size());
            for (Object v : values) {
                if (v != null) {
                    out.add(String.valueOf(v));
                }
            }
            return out;
        }
        return List.of(String.valueOf(claim));
    }

    private static Map<String, List<String>> claimMap(JWTClaimsSet claims) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : claims.getClaims().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Date d) {
                v = d.toInstant().getEpochSecond();
            }
            out.put(e.getKey(), strings(v));
        }
        return out;
    }
}
