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
        int q = aud.indexOf('?');
        String withoutQuery = q >= 0 ? aud.substring(0, q) : aud;
        URI uri;
        try {
            uri = URI.create(withoutQuery);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getRawPath() == null || uri.getHost() == null) {
            return false;
        }
        String path = uri.getRawPath().toLowerCase(Locale.ROOT);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean pathOk = path.endsWith("/client/hubs/" + hub) || (hubInQuery && path.endsWith("/client"));
        return pathOk && hostMatches(uri, requestHost);
    }

    private boolean hostMatches(URI aud, String requestHost) {
        String audAuthority = authority(aud.getScheme(), aud.getHost(), aud.getPort());
        if (requestHost != null && audAuthority.equals(normalizeHostHeader(aud.getScheme(), requestHost))) {
            return true;
        }
        return publicEndpoint != null && audAuthority.equals(
                authority(publicEndpoint.getScheme(), publicEndpoint.getHost(), publicEndpoint.getPort()));
    }

    private static String normalizeHostHeader(String scheme, String hostHeader) {
        try {
            URI uri = URI.create("http://" + hostHeader.trim());
            return authority(scheme, uri.getHost(), uri.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** host[:port] with the scheme's default port dropped, so http://h:80 and a Host of h compare equal. */
    private static String authority(String scheme, String host, int port) {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        boolean secure = s.equals("https") || s.equals("wss");
        int defaultPort = secure ? 443 : 80;
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return port == -1 || port == defaultPort ? h : h + ":" + port;
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
