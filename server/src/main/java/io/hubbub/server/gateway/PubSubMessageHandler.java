package io.hubbub.server.gateway;

import io.hubbub.protocol.json.CancelInvocation;
import io.hubbub.protocol.json.ClientMessage;
import io.hubbub.protocol.json.EventMessage;
import io.hubbub.protocol.json.Invoke;
import io.hubbub.protocol.json.JoinGroup;
import io.hubbub.protocol.json.JsonClientMessageDecoder;
import io.hubbub.protocol.protobuf.ProtobufClientMessageDecoder;
import io.hubbub.protocol.json.LeaveGroup;
import io.hubbub.protocol.json.MalformedMessageException;
import io.hubbub.protocol.json.Ping;
import io.hubbub.protocol.json.SendToGroup;
import io.hubbub.protocol.json.SequenceAck;
import io.hubbub.server.api.Names;
import io.hubbub.server.cluster.Backplane;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.LocalHub;
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
 * Requests of PubSub clients, JSON ({@code json[.reliable].webpubsub.azure.v1}, text frames) or protobuf
 * ({@code protobuf[.reliable].webpubsub.azure.v1}, binary frames), decoded into the same messages. Each request with an ackId gets exactly one ack; a repeated
 * ackId gets {@code Duplicate}; a missing permission gets {@code Forbidden} and the connection stays.
 */
public final class PubSubMessageHandler {

    static final String BAD_REQUEST = "BadRequest";
    static final String FORBIDDEN = "Forbidden";
    static final String DUPLICATE = "Duplicate";
    static final String NOT_FOUND = "NotFound";
    static final String NOT_SUPPORTED = "NotSupported";
    static final String INTERNAL_ERROR = "InternalServerError";
    private static final Logger log = LoggerFactory.getLogger(PubSubMessageHandler.class);

    private final LocalHub hub;
    private final Backplane backplane;
    private final UpstreamEvents upstream;

    public PubSubMessageHandler(LocalHub hub, Backplane backplane, UpstreamEvents upstream) {
        this.hub = hub;
        this.backplane = backplane;
        this.upstream = upstream;
    }

    void onFrame(ClientConnection c, WebSocketFrame frame) {
        boolean protobuf = c.protocol().isProtobuf();
        if (protobuf == frame instanceof TextWebSocketFrame) {
            log.debug("ignored a {} frame from {}: wrong frame type for its subprotocol",
                    protobuf ? "text" : "binary", c);
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(frame.content());
        ClientMessage message;
        try {
            message = protobuf
                    ? ProtobufClientMessageDecoder.decode(bytes, 0, bytes.length)
                    : JsonClientMessageDecoder.decode(bytes, 0, bytes.length);
        } catch (MalformedMessageException e) {
            if (e.ackId() != null) {
                c.sendOwn(c.protocol().encoder().ackError(e.ackId(), BAD_REQUEST, e.getMessage()));
            } else if (protobuf) {
                // An undecodable protobuf frame without an ack id cannot be answered: the client is declined.
                c.close(1008, "BadRequest: the frame is not a valid UpstreamMessage.");
            }
            return;
        }
        if (message instanceof SendToGroup m) {
            sendToGroup(c, m);
        } else if (message instanceof JoinGroup m) {
            joinOrLeave(c, m.group(), m.ackId(), true);
        } else if (message instanceof LeaveGroup m) {
            joinOrLeave(c, m.group(), m.ackId(), false);
        } else if (message instanceof EventMessage m) {
            event(c, m);
        } else if (message instanceof Ping) {
            c.sendOwn(c.protocol().encoder().pong());
        } else if (message instanceof Invoke m) {
            c.sendOwn(c.protocol().encoder().invokeResponseError(m.invocationId(), NOT_SUPPORTED,
                    "Invocations are not supported by this service."));
        } else if (message instanceof SequenceAck m) {
            c.acknowledge(m.sequenceId());
        } else if (message instanceof CancelInvocation) {
            return; // invocations are refused at once, so none is ever in flight
        }
    }

    private void joinOrLeave(ClientConnection c, String group, Long ackId, boolean join) {
        if (isDuplicate(c, ackId)) {
            return;
        }
        String problem = Names.groupProblem(group);
        if (problem != null) {
            fail(c, ackId, BAD_REQUEST, problem);
            return;
        }
        if (!c.roles().allows(Permission.JOIN_LEAVE_GROUP, group)) {
            fail(c, ackId, FORBIDDEN, "No permission to " + (join ? "join" : "leave") + " group '" + group + "'.");
            return;
        }
        if (join) {
            hub.join(c, group);
        } else {
            hub.leave(c, group);
        }
        succeed(c, ackId);
    }

    private void sendToGroup(ClientConnection c, SendToGroup m) {
        if (isDuplicate(c, m.ackId())) {
            return;
        }
        String problem = Names.groupProblem(m.group());
        if (problem != null) {
            fail(c, m.ackId(), BAD_REQUEST, problem);
            return;
        }
        if (!c.roles().allows(Permission.SEND_TO_GROUP, m.group())) {
            fail(c, m.ackId(), FORBIDDEN, "No permission to send to group '" + m.group() + "'.");
            return;
        }
        backplane.publish(c.hub(), Target.group(m.group()),
                OutboundMessage.toGroup(m.group(), c.userId(), m.payload(), ByteBufAllocator.DEFAULT),
                m.noEcho() ? Selector.skipping(c.connectionId()) : Selector.EVERYONE);
        succeed(c, m.ackId());
    }

    private void event(ClientConnection c, EventMessage m) {
        if (isDuplicate(c, m.ackId())) {
            return;
        }
        if (!upstream.handlesUserEvent(c.hub(), m.event())) {
            fail(c, m.ackId(), NOT_FOUND, "No event handler is configured for event '" + m.event() + "'.");
            return;
        }
        // A blocking event: this connection's later frames wait until the handler answered (ordering).
        InboundGate gate = InboundGate.of(c);
        gate.pause();
        upstream.userEvent(c, m.event(), m.payload()).whenComplete((outcome, error) -> c.eventLoop().execute(() -> {
            if (c.isClosing()) {
                return;
            }
            if (outcome instanceof UserEventOutcome.Handled handled) {
                if (handled.reply() != null) {
                    c.sendMessage(OutboundMessage.fromServer(handled.reply(), ByteBufAllocator.DEFAULT));
                }
                succeed(c, m.ackId());
            } else {
                String reason = error != null ? error.toString() : ((UserEventOutcome.Failed) outcome).reason();
                if (m.ackId() != null) {
                    fail(c, m.ackId(), INTERNAL_ERROR, "The event handler failed: " + reason);
                } else {
                    c.close(1011, "SendEventFailed: the event handler failed.");
                    return;
                }
            }
            gate.resume();
        }));
    }

    private static boolean isDuplicate(ClientConnection c, Long ackId) {
        if (ackId == null || c.firstUseOfAckId(ackId)) {
            return false;
        }
        c.sendOwn(c.protocol().encoder().ackError(ackId, DUPLICATE,
                "Message with ack-id: " + Long.toUnsignedString(ackId) + " has been processed"));
        return true;
    }

    private static void succeed(ClientConnection c, Long ackId) {
        if (ackId != null) {
            c.sendOwn(c.protocol().encoder().ackSuccess(ackId));
        }
    }

    /** A failed request's ackId is forgotten so a client may retry it with the same id. */
    private static void fail(ClientConnection c, Long ackId, String name, String message) {
        if (ackId != null) {
            c.forgetAckId(ackId);
            c.sendOwn(c.protocol().encoder().ackError(ackId, name, message));
        }
    }
}
