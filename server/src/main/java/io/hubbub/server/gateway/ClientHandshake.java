package io.hubbub.server.gateway;

import io.hubbub.protocol.cloudevents.ConnectResponse;
import io.hubbub.server.api.ApiResponses;
import io.hubbub.server.api.Names;
import io.hubbub.server.auth.AuthException;
import io.hubbub.server.auth.ClientIdentity;
import io.hubbub.server.auth.ClientTokenVerifier;
import io.hubbub.server.auth.ReconnectionTokens;
import io.hubbub.server.config.HubSettings;
import io.hubbub.server.config.ServerConfig;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.ClientProtocol;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.hub.permission.RoleTemplates;
import io.hubbub.server.upstream.ConnectContext;
import io.hubbub.server.upstream.ConnectOutcome;
import io.hubbub.server.upstream.UpstreamEvents;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
    private final UpstreamEvents upstream;
    private final WebSocketUpgrader upgrader;
    private final ReliableRecovery recovery;
    private final ReconnectionTokens reconnectionTokens;
    private final BiConsumer<ClientConnection, WebSocketFrame> dispatcher;
    private final Consumer<ClientConnection> endWithoutSocket;
    private final ConnectionIds ids = new ConnectionIds();
    private final RoleTemplates roleTemplates = new RoleTemplates();

    ClientHandshake(ClientTokenVerifier tokens, ServerConfig config, LocalHub hub, UpstreamEvents upstream,
            WebSocketUpgrader upgrader, ReliableRecovery recovery, ReconnectionTokens reconnectionTokens,
            ClientFrameHandler frames) {
        this.tokens = tokens;
        this.config = config;
        this.hub = hub;
        this.upstream = upstream;
        this.upgrader = upgrader;
        this.recovery = recovery;
        this.reconnectionTokens = reconnectionTokens;
        this.dispatcher = frames::dispatch;
        this.endWithoutSocket = frames.lifecycle()::end;
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
            if (client.recoveryConnectionId() != null) {
                // Authenticated by the reconnection token alone; the old access token is ignored.
                recovery.recover(ctx, request, client, client.recoveryConnectionId(), client.recoveryToken());
                return;
            }
            identity = authenticate(client, request.headers().get(HttpHeaderNames.HOST));
        } catch (ClientRequest.Rejected e) {
            reject(ctx, e.status, e.getMessage());
            return;
        }
        String connectionId = ids.next();
        if (!upstream.handlesConnect(client.hub())) {
            proceed(ctx, request, client, identity, connectionId, ConnectOutcome.ACCEPT_AS_IS);
            return;
        }
        // The connect event blocks the upgrade: hold the request and stop reading until the handler answers.
        request.retain();
        ctx.channel().config().setAutoRead(false);
        ConnectContext context = new ConnectContext(client.hub(), connectionId, identity, client.query(),
                headers(request), client.subprotocols());
        upstream.connect(context).whenComplete((outcome, error) -> ctx.executor().execute(() -> {
            try {
                if (!ctx.channel().isActive()) {
                    return;
                }
                ctx.channel().config().setAutoRead(true);
                if (error != null) {
                    log.warn("connect event of hub {} failed", client.hub(), error);
                    reject(ctx, 500, "The connect event handler failed.");
                } else {
                    proceed(ctx, request, client, identity, connectionId, outcome);
                }
            } finally {
                request.release();
            }
        }));
    }

    /** Applies the connect outcome (user, roles, groups, subprotocol, state) and upgrades, or rejects. */
    private void proceed(ChannelHandlerContext ctx, FullHttpRequest request, ClientRequest client,
            ClientIdentity identity, String connectionId, ConnectOutcome outcome) {
        if (outcome instanceof ConnectOutcome.Rejected rejected) {
            reject(ctx, rejected.status(), rejected.body());
            return;
        }
        ConnectOutcome.Accepted accepted = (ConnectOutcome.Accepted) outcome;
        ConnectResponse response = accepted.response();
        String subprotocol;
        ClientProtocol protocol;
        if (response.subprotocol() != null) {
            subprotocol = offered(client, response.subprotocol());
            if (subprotocol == null) {
                reject(ctx, 500, "The connect event handler selected subprotocol '" + response.subprotocol()
                        + "', which the client did not offer.");
                return;
            }
            ClientProtocol known = ClientProtocol.forSubprotocol(subprotocol);
            protocol = known != null ? known : ClientProtocol.SIMPLE;
        } else {
            protocol = select(client);
            subprotocol = protocol.subprotocol();
        }
        Set<String> roles = new LinkedHashSet<>(identity.roles());
        roles.addAll(response.roles());
        Set<String> groups = new LinkedHashSet<>(identity.groups());
        groups.addAll(response.groups());
        String userId = response.userId() != null ? response.userId() : identity.userId();
        ClientConnection connection = new ClientConnection(connectionId, client.hub(), userId, protocol,
                ctx.channel(), roleTemplates.rolesOf(roles), client.publishGroup(), subprotocol,
                accepted.connectionState());
        upgrade(ctx, request, connection, List.copyOf(groups));
    }

    private static String offered(ClientRequest client, String chosen) {
        for (String offered : client.subprotocols()) {
            if (offered.equalsIgnoreCase(chosen)) {
                return offered;
            }
        }
        return null;
    }

    private static Map<String, List<String>> headers(FullHttpRequest request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            out.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
        }
        return out;
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
            List<String> groups) {
        // Shared callbacks, not lambdas capturing the connection: those would be two more objects per connection.
        connection.gatewayAttachment(new InboundGate(connection, dispatcher));
        connection.onEndWithoutSocket(endWithoutSocket);
        ChannelFuture upgraded = upgrader.upgrade(ctx, request, connection.subprotocol(), connection);
        if (upgraded == null) {
            return;
        }
        upgraded.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                open(connection, groups);
            } else {
                log.debug("upgrade of {} failed", connection, f.cause());
                f.channel().close();
            }
        });
    }

    private void open(ClientConnection connection, List<String> groups) {
        if (connection.channel() == null || !connection.channel().isActive()) {
            return;
        }
        hub.register(connection);
        connection.markOpen();
        for (String group : groups) {
            if (Names.groupProblem(group) == null) {
                hub.join(connection, group);
            }
        }
        if (connection.protocol().isPubSub()) {
            String token = connection.isReliable()
                    ? reconnectionTokens.issue(connection.hub(), connection.connectionId()) : null;
            connection.sendOwn(connection.protocol().encoder().connected(connection.connectionId(), connection.userId(),
                    token));
        }
        upstream.connected(connection);
    }

    private static void reject(ChannelHandlerContext ctx, int status, String message) {
        ctx.writeAndFlush(ApiResponses.text(HttpResponseStatus.valueOf(status), message))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
