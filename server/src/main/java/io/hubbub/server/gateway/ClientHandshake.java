package io.hubbub.server.gateway;

import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.hubbub.server.api.ApiResponses;
import io.hubbub.server.api.Names;
import io.hubbub.server.auth.AuthException;
import io.hubbub.server.auth.ClientIdentity;
import io.hubbub.server.auth.ClientTokenVerifier;
import io.hubbub.server.config.HubSettings;
import io.hubbub.server.config.ServerConfig;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.ClientProtocol;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.hub.permission.Roles;
import io.hubbub.server.upstream.UpstreamEvents;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything before and at the {@code 101}: parse the client URL, authenticate, choose the subprotocol (echoed, or
 * SDK clients fail), upgrade, then register the connection, join its token groups and send {@code connected} as
 * the first frame.
 */
public final class ClientHandshake {

    public static final AttributeKey<ClientConnection> CONNECTION = AttributeKey.valueOf("hubbub.connection");
    private static final Logger log = LoggerFactory.getLogger(ClientHandshake.class);

    private final ClientTokenVerifier tokens;
    private final ServerConfig config;
    private final LocalHub hub;
    private final ClientFrameHandler frames;
    private final UpstreamEvents upstream;
    private final ConnectionIds ids = new ConnectionIds();
    private final WebSocketDecoderConfig decoderConfig;

    public ClientHandshake(ClientTokenVerifier tokens, ServerConfig config, LocalHub hub, ClientFrameHandler frames,
            UpstreamEvents upstream) {
        this.tokens = tokens;
        this.config = config;
        this.hub = hub;
        this.frames = frames;
        this.upstream = upstream;
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(config.maxMessageBytes())
                .allowExtensions(false)
                .allowMaskMismatch(false)
                .closeOnProtocolViolation(true)
                .build();
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method())
                || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            reject(ctx, HttpResponseStatus.BAD_REQUEST.code(), "The client endpoint accepts WebSocket upgrades only.");
            return;
        }
        ClientRequest client;
        ClientIdentity identity;
        try {
            client = ClientRequest.parse(request);
            identity = authenticate(client, request.headers().get(HttpHeaderNames.HOST));
        } catch (ClientRequest.Rejected e) {
            reject(ctx, e.status, e.getMessage());
            return;
        }
        ClientProtocol protocol = select(client);
        ClientConnection connection = new ClientConnection(ids.next(), client.hub(), identity.userId(), protocol,
                ctx.channel(), Roles.of(identity.roles()), client.query(), client.publishGroup());
        upgrade(ctx, request, connection, identity, config.hub(client.hub()));
    }

    private ClientIdentity authenticate(ClientRequest client, String host) throws ClientRequest.Rejected {
        HubSettings settings = config.hub(client.hub());
        if (client.token() == null) {
            if (settings.allowsAnonymous()) {
                return ClientIdentity.ANONYMOUS;
            }
            throw new ClientRequest.Rejected(401, "An access token is required: pass access_token in the query "
                    + "or an Authorization: Bearer header.");
        }
        try {
            return tokens.verify(client.token(), client.hub(), client.hubInQuery(), host);
        } catch (AuthException e) {
            throw new ClientRequest.Rejected(401, e.getMessage());
        }
    }

    /** The first offered Web PubSub subprotocol this node serves; none makes a simple client. */
    private static ClientProtocol select(ClientRequest client) {
        for (String offered : client.subprotocols()) {
            ClientProtocol protocol = ClientProtocol.forSubprotocol(offered);
            if (protocol != null) {
                return protocol;
            }
        }
        return ClientProtocol.SIMPLE;
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, ClientConnection connection,
            ClientIdentity identity, HubSettings settings) {
        Channel channel = ctx.channel();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri(),
                connection.protocol().subprotocol(), decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return;
        }
        channel.attr(CONNECTION).set(connection);
        channel.config().setWriteBufferWaterMark(
                new WriteBufferWaterMark(config.slowClientBytes() / 2, config.slowClientBytes()));
        handshaker.handshake(channel, request).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                open(connection, identity);
            } else {
                log.debug("upgrade of {} failed", connection, f.cause());
                channel.close();
            }
        });
        // The handshaker put the WebSocket codec in front of the HTTP codec; ours go behind it, before the tail.
        ChannelPipeline p = channel.pipeline();
        p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-utf8", new Utf8FrameValidator(true));
        p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-aggregator",
                new WebSocketFrameAggregator(config.maxMessageBytes()));
        p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-keepalive",
                new KeepAliveHandler(connection, settings.keepAliveIntervalSeconds()));
        p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-frames", frames);
        p.remove(GatewayInitializer.HTTP_DISPATCHER);
    }

    private void open(ClientConnection connection, ClientIdentity identity) {
        if (!connection.channel().isActive()) {
            return;
        }
        hub.register(connection);
        connection.markOpen();
        for (String group : identity.groups()) {
            if (Names.groupProblem(group) == null) {
                hub.join(connection, group);
            }
        }
        if (connection.protocol().isPubSub()) {
            connection.sendJson(JsonServerMessageEncoder.connected(connection.connectionId(), connection.userId(),
                    null));
        }
        upstream.connected(connection);
    }

    private static void reject(ChannelHandlerContext ctx, int status, String message) {
        ctx.writeAndFlush(ApiResponses.text(HttpResponseStatus.valueOf(status), message))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
