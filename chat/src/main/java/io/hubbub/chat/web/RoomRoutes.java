package io.hubbub.chat.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.chat.domain.Cursor;
import io.hubbub.chat.domain.HistoryService;
import io.hubbub.chat.domain.MessageService;
import io.hubbub.chat.domain.Page;
import io.hubbub.chat.domain.RoomService;
import io.hubbub.chat.realtime.ClientEvents;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** Rooms: list, create, join, leave, members with presence, history by cursor, and the admin's system message. */
public final class RoomRoutes {

    private final RoomService rooms;
    private final HistoryService history;
    private final MessageService messages;
    private final Access access;
    private final ObjectMapper json;

    public RoomRoutes(RoomService rooms, HistoryService history, MessageService messages, Access access,
            ObjectMapper json) {
        this.rooms = rooms;
        this.history = history;
        this.messages = messages;
        this.access = access;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/rooms", ctx -> ctx.json(Map.of("rooms", rooms.list(access.userOrAdmin(ctx)))));
        routes.post("/api/rooms", ctx -> {
            String user = access.user(ctx);
            String name = Bodies.requiredString(Bodies.object(json, ctx.bodyAsBytes(), false), "name");
            ctx.status(201).json(rooms.create(user, name));
        });
        routes.post("/api/rooms/{room}/join", ctx -> {
            String user = access.user(ctx);
            String room = ctx.pathParam("room");
            ctx.json(Map.of("room", room, "joined", rooms.join(user, room)));
        });
        routes.post("/api/rooms/{room}/leave", ctx -> {
            String user = access.user(ctx);
            String room = ctx.pathParam("room");
            ctx.json(Map.of("room", room, "left", rooms.leave(user, room)));
        });
        routes.get("/api/rooms/{room}/users", ctx -> {
            access.userOrAdmin(ctx);
            String room = ctx.pathParam("room");
            ctx.json(Map.of("room", room, "users", rooms.members(room)));
        });
        routes.get("/api/rooms/{room}/history", ctx -> {
            access.userOrAdmin(ctx);
            String room = ctx.pathParam("room");
            Page<ClientEvents.Message> page = history.room(room, cursor(ctx));
            ctx.json(Map.of("room", room, "messages", page.items(), "has_more", page.hasMore()));
        });
        routes.post("/api/rooms/{room}/message", ctx -> {
            access.admin(ctx);
            String text = Bodies.requiredString(Bodies.object(json, ctx.bodyAsBytes(), false), "text");
            ctx.status(201).json(messages.postSystemMessage(ctx.pathParam("room"), text));
        });
    }

    /** {@code ?before=<id>} scrolls back, {@code ?after=<last seen id>} catches up, {@code ?limit=} (1–200, 50). */
    static Cursor cursor(Context ctx) {
        return new Cursor(Bodies.longParam(ctx.queryParam("before"), "before"),
                Bodies.longParam(ctx.queryParam("after"), "after"),
                Page.limit(Bodies.intParam(ctx.queryParam("limit"), "limit")));
    }
}
