package io.hubbub.chat.web;

import io.hubbub.chat.domain.ChatException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/** Who is calling: a signed-in browser (session cookie) or an operator (admin API key). */
public final class Access {

    static final String ADMIN_HEADER = "X-Admin-Key";

    private final SessionCookies cookies;
    private final String adminApiKey;
    private final URI publicBaseUrl;

    public Access(SessionCookies cookies, String adminApiKey, URI publicBaseUrl) {
        this.cookies = cookies;
        this.adminApiKey = adminApiKey;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The signed-in user; 401 without a valid session, 403 for a cross-site request that changes something. */
    public String user(Context ctx) {
        String user = cookies.verify(ctx.cookie(SessionCookies.NAME)).orElseThrow(
                () -> ChatException.unauthorized("sign in first: POST /api/signin with {\"name\": \"...\"}"));
        requireSameOrigin(ctx);
        return user;
    }

    /** The signed-in user, or null when the caller proved the admin key instead. */
    public String userOrAdmin(Context ctx) {
        if (presentsAdminKey(ctx)) {
            return null;
        }
        return user(ctx);
    }

    public void admin(Context ctx) {
        if (adminApiKey == null) {
            throw ChatException.forbidden("the admin API is disabled: configure adminApiKey");
        }
        if (!presentsAdminKey(ctx)) {
            throw ChatException.unauthorized("this endpoint needs the admin key in " + ADMIN_HEADER
                    + " or Authorization: Bearer <key>");
        }
    }

    private boolean presentsAdminKey(Context ctx) {
        if (adminApiKey == null) {
            return false;
        }
        String given = ctx.header(ADMIN_HEADER);
        String auth = ctx.header("Authorization");
        if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).trim();
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                adminApiKey.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Browsers send Origin on cross-origin requests and on same-origin POSTs; a state-changing request whose Origin is
     * neither this host nor the public base URL comes from another site's page riding on the cookie.
     */
    private void requireSameOrigin(Context ctx) {
        if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String authority;
        try {
            authority = URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            authority = null;
        }
        String host = ctx.header("Host");
        boolean same = authority != null && (authority.equalsIgnoreCase(host)
                || authority.toLowerCase(Locale.ROOT).equals(publicBaseUrl.getRawAuthority().toLowerCase(Locale.ROOT)));
        if (!same) {
            throw ChatException.forbidden("cross-site request refused (Origin " + origin + ")");
        }
    }
}
