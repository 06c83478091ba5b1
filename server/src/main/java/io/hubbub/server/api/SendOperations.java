package io.hubbub.server.api;

import io.hubbub.protocol.Payload;
import io.hubbub.protocol.filter.FilterSyntaxException;
import io.hubbub.protocol.filter.ODataFilter;
import io.hubbub.server.cluster.Backplane;
import io.hubbub.server.hub.OutboundMessage;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;

/**
 * The four sends. Fire-and-forget like the cloud: {@code 202} once the message is handed to the backplane, even
 * when nobody receives it.
 */
final class SendOperations {

    static final int MAX_TTL_SECONDS = 300;

    private final Backplane backplane;
    private final ByteBufAllocator alloc;

    SendOperations(Backplane backplane, ByteBufAllocator alloc) {
        this.backplane = backplane;
        this.alloc = alloc;
    }

    void register(RestRoutes routes) {
        routes.add(HttpMethod.POST, ":send", this::sendToAll)
                .add(HttpMethod.POST, "groups/{group}/:send", this::sendToGroup)
                .add(HttpMethod.POST, "users/{user}/:send", this::sendToUser)
                .add(HttpMethod.POST, "connections/{connection}/:send", this::sendToConnection);
    }

    private CompletableFuture<FullHttpResponse> sendToAll(RestCall call) {
        return publish(call, Target.ALL, selector(call, true));
    }

    private CompletableFuture<FullHttpResponse> sendToGroup(RestCall call) {
        return publish(call, Target.group(Names.group(call.path("group"))), selector(call, true));
    }

    private CompletableFuture<FullHttpResponse> sendToUser(RestCall call) {
        return publish(call, Target.user(call.path("user")), selector(call, false));
    }

    private CompletableFuture<FullHttpResponse> sendToConnection(RestCall call) {
        int ttl = ttl(call.request());
        Payload payload = PayloadReader.read(call.request());
        return backplane.sendToConnection(call.hub(), call.path("connection"),
                        OutboundMessage.fromServer(payload, alloc, ttl))
                .thenApply(sent -> ApiResponses.empty(HttpResponseStatus.ACCEPTED));
    }

    private CompletableFuture<FullHttpResponse> publish(RestCall call, Target target, Selector selector) {
        int ttl = ttl(call.request());
        Payload payload = PayloadReader.read(call.request());
        backplane.publish(call.hub(), target, OutboundMessage.fromServer(payload, alloc, ttl), selector);
        return CompletableFuture.completedFuture(ApiResponses.empty(HttpResponseStatus.ACCEPTED));
    }

    /**
     * {@code messageTtlSeconds}: how long a message may wait in a reliable receiver's buffer before its first write
     * (0 = forever). Messages to non-reliable clients are written at once and never wait.
     */
    private static int ttl(RestRequest request) {
        return request.intParam("messageTtlSeconds", 0, MAX_TTL_SECONDS, 0);
    }

    static Selector selector(RestCall call, boolean withExcluded) {
        ODataFilter filter = filter(call.request().param("filter"));
        return Selector.of(withExcluded ? new HashSet<>(call.request().list("excluded")) : java.util.Set.of(), filter);
    }

    static ODataFilter filter(String expression) {
        if (expression == null) {
            return null;
        }
        try {
            return ODataFilter.parse(expression);
        } catch (FilterSyntaxException e) {
            throw ApiException.badRequest("Invalid filter '" + expression + "': " + e.getMessage());
        }
    }
}
