package io.hubbub.server.api;

import static io.hubbub.server.api.RestRequestTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubbub.protocol.rest.ErrorBody;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RestRoutesTest {

    private final List<String> handled = new ArrayList<>();
    private final List<RestCall> calls = new ArrayList<>();
    private final RestRoutes routes = new RestRoutes()
            .add(HttpMethod.POST, ":send", op("sendToAll"))
            .add(HttpMethod.POST, "groups/{group}/:send", op("sendToGroup"))
            .add(HttpMethod.HEAD, "groups/{group}", op("groupExists"))
            .add(HttpMethod.PUT, "groups/{group}/connections/{connectionId}", op("addToGroup"))
            .add(HttpMethod.DELETE, "groups/{group}/connections/{connectionId}", op("removeFromGroup"))
            .add(HttpMethod.DELETE, "connections/{connectionId}", op("closeConnection"))
            .add(HttpMethod.HEAD, "connections/{connectionId}", op("connectionExists"));

    private RestRoutes.Operation op(String name) {
        return call -> {
            handled.add(name);
            calls.add(call);
            return CompletableFuture.completedFuture((FullHttpResponse) null);
        };
    }

    private void dispatch(HttpMethod method, String uri) {
        RestRequest r = request(method, uri);
        List<String> segments = r.segments();
        routes.dispatch(r, "chat", segments.subList(3, segments.size()));
    }

    @Test
    void shouldRunTheOperationOfTheMatchingMethodAndPattern() {
        dispatch(HttpMethod.PUT, "/api/hubs/chat/groups/g1/connections/c1");
        dispatch(HttpMethod.DELETE, "/api/hubs/chat/groups/g1/connections/c1");
        dispatch(HttpMethod.POST, "/api/hubs/chat/:send");

        assertThat(handled).containsExactly("addToGroup", "removeFromGroup", "sendToAll");
    }

    @Test
    void shouldBindDecodedSegmentsToVariables() {
        dispatch(HttpMethod.PUT, "/api/hubs/chat/groups/grp%20%231/connections/a%2Fb");

        RestCall call = calls.get(0);
        assertThat(call.hub()).isEqualTo("chat");
        assertThat(call.path("group")).isEqualTo("grp #1");
        assertThat(call.path("connectionId")).isEqualTo("a/b");
    }

    @Test
    void shouldMatchVariablesThatLookLikeLiterals() {
        dispatch(HttpMethod.HEAD, "/api/hubs/chat/groups/:send");

        assertThat(handled).containsExactly("groupExists");
        assertThat(calls.get(0).path("group")).isEqualTo(":send");
    }

    @Test
    void shouldCompareLiteralSegmentsCaseInsensitively() {
        dispatch(HttpMethod.POST, "/api/hubs/chat/Groups/g1/:SEND");

        assertThat(handled).containsExactly("sendToGroup");
    }

    @Test
    void shouldAnswer405ForAKnownPathWithAnotherMethod() {
        assertThatThrownBy(() -> dispatch(HttpMethod.GET, "/api/hubs/chat/groups/g1/connections/c1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
                    assertThat(e.code()).isEqualTo(ErrorBody.METHOD_NOT_ALLOWED);
                });
        assertThatThrownBy(() -> dispatch(HttpMethod.GET, "/api/hubs/chat/:send"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED));
        assertThat(handled).isEmpty();
    }

    @Test
    void shouldAnswer404ForAnUnknownPath() {
        for (String uri : List.of("/api/hubs/chat/groups", "/api/hubs/chat/groups/g1/:send/extra",
                "/api/hubs/chat/:unknownAction", "/api/hubs/chat/groups/g1/connections",
                "/api/hubs/chat/groups/g1%2Fconnections/c1")) {
            assertThatThrownBy(() -> dispatch(HttpMethod.PUT, uri))
                    .as(uri)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
                        assertThat(e.code()).isEqualTo(ErrorBody.NOT_FOUND);
                    });
        }
        assertThat(handled).isEmpty();
    }
}
