package io.hubbub.conformance.js;

import java.util.Map;

/** Shared by the client-SDK tests: role names and a started client for a user. */
abstract class JsClientFixture extends JsFixture {

    static final String JOIN = "webpubsub.joinLeaveGroup";
    static final String SEND = "webpubsub.sendToGroup";
    static final Map<String, Object> NO_RECONNECT = Map.of("autoReconnect", false);

    /** A JS client for {@code userId} (null: anonymous) with these roles, started and connected. */
    JsClient started(String userId, String... roles) {
        JsClient client = jsClient(userId == null ? "anonymous" : userId, clientUrl(userId, roles));
        client.startAndAwaitConnected();
        return client;
    }
}
