package io.hubbub.server.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates the {@code Authorization: Bearer} token of a REST call. Every SDK puts the full request URL, query
 * included, into {@code aud}, and behind a proxy the original host: so only the path is compared, and it may be a
 * prefix of the request path ending at a '/' boundary.
 */
public final class RestTokenVerifier {

    private final Jwt jwt;

    public RestTokenVerifier(Jwt jwt) {
        this.jwt = jwt;
    }

    /**
     * @param authorization the Authorization header value, or null
     * @param rawPath the request path as received (percent-encoded, no query)
     */
    public void verify(String authorization, String rawPath) throws AuthException {
        String token = bearer(authorization);
        if (token == null) {
            throw new AuthException("Authorization header with a Bearer token is required.");
        }
        List<String> audiences = jwt.verify(token).getAudience();
        if (audiences == null || audiences.isEmpty()) {
            throw new AuthException("The access token has no audience (aud).");
        }
        for (String aud : audiences) {
            if (audienceMatches(aud, rawPath)) {
                return;
            }
        }
        throw new AuthException("The access token audience does not match the request URL.");
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    static boolean audienceMatches(String aud, String rawRequestPath) {
        String audPath = pathOf(aud);
        if (audPath == null) {
            return false;
        }
        // Segment by segment, each percent-decoded once: '%2F' inside a user id is a character, not a boundary.
        List<String> audSegments = segments(audPath);
        List<String> requestSegments = segments(rawRequestPath);
        if (audSegments.size() > requestSegments.size()) {
            return false;
        }
        for (int i = 0; i < audSegments.size(); i++) {
            if (!audSegments.get(i).equalsIgnoreCase(requestSegments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                String decoded = decode(raw);
                out.add(decoded != null ? decoded : raw);
            }
        }
        return out;
    }

    private static String pathOf(String aud) {
        try {
            int query = aud.indexOf('?');
            String withoutQuery = query >= 0 ? aud.substring(0, query) : aud;
            String path = URI.create(withoutQuery).getRawPath();
            return path == null || path.isEmpty() ? null : stripTrailingSlash(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
