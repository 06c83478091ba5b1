package io.hubbub.server.gateway;

import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import io.hubbub.server.cluster.Backplane;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.OutboundMessage;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.hubbub.server.hub.permission.Permission;
import io.hubbub.server.upstream.UpstreamEvents;
import io.hubbub.server.upstream.UserEventOutcome;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data frames of simple clients. In {@code sendToGroup} mode each frame is published to the connection's group,
 * keeping its frame type; in {@code sendEvent} mode each frame is the user event {@code message}, and without a
 * handler for it the connection is closed with 1000 and no reason, as the cloud service does.
 */
public final class SimpleMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(SimpleMessageHandler.class);

    private final Backplane backplane;
    private final UpstreamEvents upstream;

    public SimpleMessageHandler(Backplane backplane, UpstreamEvents upstream) {
        this.backplane = backplane;
        this.upstream = upstream;
    }

    void onFrame(ClientConnection connection, WebSocketFrame frame) {
        Payload payload = new Payload(frame instanceof TextWebSocketFrame ? DataType.TEXT : DataType.BINARY,
                ByteBufUtil.getBytes(frame.content()));
        String group = connection.publishGroup();
        if (group == null) {
            sendEvent(connection, payload);
            return;
        }
        if (!connection.roles().allows(Permission.SEND_TO_GROUP, group)) {
            // A simple client has no ack channel to report the refusal on.
            log.debug("dropped frame of {}: no permission to send to group '{}'", connection, group);
            return;
        }
        backplane.publish(connection.hub(), Target.group(group),
                OutboundMessage.toGroup(group, connection.userId(), payload, ByteBufAllocator.DEFAULT),
                Selector.EVERYONE);
    }

    private void sendEvent(ClientConnection connection, Payload payload) {
        if (!upstream.handlesUserEvent(connection.hub(), "message")) {
            connection.close(1000, "");
            return;
        }
        InboundGate gate = InboundGate.of(connection);
        gate.pause();
        upstream.userEvent(connection, "message", payload).whenComplete((outcome, error) ->
                connection.eventLoop().execute(() -> {
                    if (connection.isClosing()) {
                        return;
                    }
                    if (outcome instanceof UserEventOutcome.Handled handled) {
                        if (handled.reply() != null) {
                            connection.sendMessage(OutboundMessage.fromServer(handled.reply(),
                                    ByteBufAllocator.DEFAULT));
                        }
                        gate.resume();
                    } else {
                        // No ack channel to report on: the documented behaviour is to drop the connection.
                        connection.close(1011, "SendEventFailed: the event handler failed.");
                    }
                }));
    }
}
