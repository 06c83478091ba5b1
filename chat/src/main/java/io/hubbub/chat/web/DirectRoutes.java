package io.hubbub.chat.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.chat.domain.HistoryService;
import io.hubbub.chat.domain.MessageService;
import io.hubbub.chat.domain.Page;
import io.hubbub.chat.realtime.ClientEvents;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** Direct messages: the signed-in user's conversations and their histories, and the admin's message to a user. */
public final class DirectRoutes {

    private final HistoryService history;
    private final MessageService messages;
    private final Access access;
    private final ObjectMapper json;

    public DirectRoutes(HistoryService history, MessageService messages, Access access, ObjectMapper json) {
        this.history = history;
        this.messages = messages;
        this.access = access;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/dms", ctx -> ctx.json(Map.of("conversations", history.conversations(access.user(ctx)))));
        routes.get("/api/dms/{peer}/history", ctx -> {
            String user = access.user(ctx);
            String peer = ctx.pathParam("peer");
            Page<ClientEvents.Direct> page = history.conversation(user, peer, RoomRoutes.cursor(ctx));
            ctx.json(Map.of("peer", peer, "messages", page.items(), "has_more", page.hasMore()));
        });
        routes.post("/api/user/{user}/message", ctx -> {
            access.admin(ctx);
            String text = Bodies.requiredString(Bodies.object(json, ctx.bodyAsBytes(), false), "text");
            ctx.status(201).json(messages.postSystemDirect(ctx.pathParam("user"), text));
        });
    }
}
