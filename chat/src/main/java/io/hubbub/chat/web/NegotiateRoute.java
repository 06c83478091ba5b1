package io.hubbub.chat.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.chat.domain.AccountService;
import io.javalin.config.RoutesConfig;

/**
 * {@code POST /negotiate}: the client URL for the signed-in user, as in the classic design ({@code url},
 * {@code user_id}, {@code room}) plus the rooms the token covers. The identity comes from the session cookie only;
 * a room may be asked for by {@code ?room=} or {@code {"room": ...}} and is joined.
 */
public final class NegotiateRoute {

    private final AccountService accounts;
    private final Access access;
    private final ObjectMapper json;

    public NegotiateRoute(AccountService accounts, Access access, ObjectMapper json) {
        this.accounts = accounts;
        this.access = access;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/negotiate", ctx -> {
            String user = access.user(ctx);
            String room = ctx.queryParam("room");
            if (room == null) {
                room = Bodies.string(Bodies.object(json, ctx.bodyAsBytes(), true), "room");
            }
            ctx.json(accounts.negotiate(user, room));
        });
    }
}
