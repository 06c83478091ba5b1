package io.hubbub.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientRequestTest {

    private static FullHttpRequest get(String uri, String... headerPairs) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri,
                Unpooled.EMPTY_BUFFER);
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.headers().add(headerPairs[i], headerPairs[i + 1]);
        }
        return request;
    }

    private static ClientRequest parse(String uri, String... headerPairs) throws ClientRequest.Rejected {
        return ClientRequest.parse(get(uri, headerPairs));
    }

    private static void assertRejected(String uri, int status) {
        assertThatThrownBy(() -> parse(uri))
                .as(uri)
                .isInstanceOfSatisfying(ClientRequest.Rejected.class, e -> assertThat(e.status).isEqualTo(status));
    }

    @Test
    void shouldParseTheHubPathForm() throws Exception {
        ClientRequest r = parse("/client/hubs/Chat?access_token=tok&foo=bar");

        assertThat(r.hub()).isEqualTo("chat");
        assertThat(r.hubInQuery()).isFalse();
        assertThat(r.token()).isEqualTo("tok");
        assertThat(r.query()).containsEntry("foo", List.of("bar")).containsEntry("access_token", List.of("tok"));
        assertThat(r.subprotocols()).isEmpty();
        assertThat(r.publishGroup()).isNull();
    }

    @Test
    void shouldAcceptATrailingSlashAndCaseInsensitivePrefix() throws Exception {
        assertThat(parse("/client/hubs/chat/").hub()).isEqualTo("chat");
        assertThat(parse("/Client/Hubs/chat").hub()).isEqualTo("chat");
    }

    @Test
    void shouldParseTheHubQueryForm() throws Exception {
        ClientRequest slash = parse("/client/?hub=Chat&access_token=tok");
        ClientRequest noSlash = parse("/client?hub=chat");

        assertThat(slash.hub()).isEqualTo("chat");
        assertThat(slash.hubInQuery()).isTrue();
        assertThat(slash.token()).isEqualTo("tok");
        assertThat(noSlash.hub()).isEqualTo("chat");
        assertThat(noSlash.hubInQuery()).isTrue();
        assertThat(noSlash.token()).isNull();
    }

    @Test
    void shouldAcceptEveryHubNameCharacter() throws Exception {
        assertThat(parse("/client/hubs/Hub_1%60%2C.%5Bx%5D").hub()).isEqualTo("hub_1`,.[x]");
    }

    @Test
    void shouldAnswer400WithoutAValidHub() {
        assertRejected("/client/", 400);
        assertRejected("/client?hub=", 400);
        assertRejected("/client/hubs/1chat", 400);
        assertRejected("/client/hubs/chat%20room", 400);
        assertRejected("/client/?hub=chat-room", 400);
    }

    @Test
    void shouldAnswer404ForOtherPaths() {
        assertRejected("/client/hubs/chat/extra", 404);
        assertRejected("/clients/mqtt/hubs/chat", 404);
        assertRejected("/client/chat", 404);
        assertRejected("/clientx?hub=chat", 404);
    }

    /** The handshake only catches {@link ClientRequest.Rejected}; anything else drops the socket unanswered. */
    @ParameterizedTest
    @ValueSource(strings = {"/client/hubs/chat?access_token=%zz", "/client/hubs/chat?foo=%", "/client/hubs/ch%zzat",
            "/client/?hub=ch%zzat"})
    void shouldAnswer400ForABadlyEncodedUrl(String uri) {
        assertRejected(uri, 400);
    }

    @Test
    void shouldTakeTheTokenFromTheAuthorizationHeaderWhenTheQueryHasNone() throws Exception {
        assertThat(parse("/client/hubs/chat", "Authorization", "Bearer hdr").token()).isEqualTo("hdr");
        assertThat(parse("/client/hubs/chat", "Authorization", "bearer hdr").token()).isEqualTo("hdr");
        assertThat(parse("/client/hubs/chat?access_token=", "Authorization", "Bearer hdr").token())
                .isEqualTo("hdr");
        assertThat(parse("/client/hubs/chat?access_token=q", "Authorization", "Bearer hdr").token())
                .as("the query wins").isEqualTo("q");
        assertThat(parse("/client/hubs/chat", "Authorization", "Basic abc").token()).isNull();
        assertThat(parse("/client/hubs/chat", "Authorization", "Bearer ").token()).isNull();
        assertThat(parse("/client/hubs/chat").token()).isNull();
    }

    @Test
    void shouldListTheOfferedSubprotocols() throws Exception {
        ClientRequest r = parse("/client/hubs/chat", "Sec-WebSocket-Protocol",
                "json.reliable.webpubsub.azure.v1, json.webpubsub.azure.v1,,custom");

        assertThat(r.subprotocols()).containsExactly("json.reliable.webpubsub.azure.v1", "json.webpubsub.azure.v1",
                "custom");
    }

    @Test
    void sendEventShouldBeTheDefaultMode() throws Exception {
        assertThat(parse("/client/hubs/chat").publishGroup()).isNull();
        assertThat(parse("/client/hubs/chat?webpubsub_mode=sendEvent&group=g1").publishGroup()).isNull();
        assertThat(parse("/client/hubs/chat?webpubsub_mode=SENDEVENT").publishGroup()).isNull();
    }

    @Test
    void sendToGroupModeShouldNameExactlyOneGroup() throws Exception {
        assertThat(parse("/client/hubs/chat?webpubsub_mode=sendToGroup&group=g%201").publishGroup())
                .isEqualTo("g 1");
        assertThat(parse("/client/hubs/chat?webpubsub_mode=sendtogroup&group=g1").publishGroup()).isEqualTo("g1");
    }

    @Test
    void shouldRecogniseARecoveryRequestByBothAwpsParameters() throws Exception {
        ClientRequest recovery = parse("/client/hubs/chat?access_token=old&awps_connection_id=conn-1"
                + "&awps_reconnection_token=tok&webpubsub_mode=sendToGroup");
        ClientRequest half = parse("/client/hubs/chat?awps_connection_id=conn-1");

        assertThat(recovery.recoveryConnectionId()).isEqualTo("conn-1");
        assertThat(recovery.recoveryToken()).isEqualTo("tok");
        assertThat(recovery.publishGroup()).as("mode rules do not apply to a recovery").isNull();
        assertThat(half.recoveryConnectionId()).isNull();
        assertThat(half.recoveryToken()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/client/hubs/chat?webpubsub_mode=sendToGroup",
            "/client/hubs/chat?webpubsub_mode=sendToGroup&group=g1&group=g2",
            "/client/hubs/chat?webpubsub_mode=sendToGroup&group=",
            "/client/hubs/chat?webpubsub_mode=sendToGroup&group=%20%20",
            "/client/hubs/chat?webpubsub_mode=broadcast&group=g1",
    })
    void shouldAnswer400ForABadMode(String uri) {
        assertRejected(uri, 400);
    }
}
