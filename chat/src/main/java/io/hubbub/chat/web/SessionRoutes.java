package io.hubbub.chat.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.chat.domain.AccountService;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** Sign-in by display name (no passwords), sign-out, and who am I. */
public final class SessionRoutes {

    private final AccountService accounts;
    private final SessionCookies cookies;
    private final Access access;
    private final ObjectMapper json;

    public SessionRoutes(AccountService accounts, SessionCookies cookies, Access access, ObjectMapper json) {
        this.accounts = accounts;
        this.cookies = cookies;
        this.access = access;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/signin", ctx -> {
            String name = Bodies.requiredString(Bodies.object(json, ctx.bodyAsBytes(), false), "name");
            String userId = accounts.signIn(name);
            ctx.cookie(cookies.issue(userId));
            ctx.json(Map.of("user_id", userId));
        });
        routes.post("/api/signout", ctx -> {
            ctx.cookie(cookies.cleared());
            ctx.status(204);
        });
        routes.get("/api/me", ctx -> ctx.json(Map.of("user_id", access.user(ctx))));
    }
}
