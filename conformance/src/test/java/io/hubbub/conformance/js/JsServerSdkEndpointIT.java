package io.hubbub.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebSocketHandshakeFailure;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How {@code @azure/web-pubsub} 1.2.0 and {@code @azure/web-pubsub-client} 1.0.4 find Hubbub: connection string
 * variants, a reverse proxy setting, hub name casing, and anonymous clients.
 */
class JsServerSdkEndpointIT extends JsFixture {

    private String connectionString(String endpointPart) {
        return "Endpoint=" + endpointPart + ";AccessKey=" + TestServer.ACCESS_KEY + ";Version=1.0;";
    }

    @Test
    void everyConnectionStringSpellingReachesTheNode() {
        Peer c = peer("u");
        int port = server.port();
        for (String endpoint : new String[] {
                "http://127.0.0.1;Port=" + port,
                "http://127.0.0.1:" + port,
                "http://127.0.0.1/;Port=" + port,
                "http://127.0.0.1:" + port + "/"}) {
            JsServiceClient variant = service(connectionString(endpoint));
            variant.invoke("sendToConnection", c.id(), endpoint, TEXT);
            assertThat(c.next().path("data").asText()).as(endpoint).isEqualTo(endpoint);
            assertThat(variant.check("connectionExists", c.id())).as(endpoint).isTrue();

            JsonNode token = variant.invoke("getClientAccessToken", Map.of("userId", "v"));
            Peer viaToken = connectPeer(URI.create(token.path("url").asText()));
            assertThat(viaToken.userId()).as(endpoint).isEqualTo("v");
            viaToken.ws().close();
        }
    }

    @Test
    void aReverseProxyEndpointReceivesTheRequestsSignedForTheOriginalEndpoint() {
        Peer c = peer("u");
        JsServiceClient viaProxy = service(connectionString("http://origin.example:9999"))
                .withOptions(Map.of("reverseProxyEndpoint", server.endpoint()));

        viaProxy.invoke("sendToConnection", c.id(), "through the proxy", TEXT);

        assertThat(c.next().path("data").asText()).isEqualTo("through the proxy");
        assertThat(viaProxy.check("connectionExists", c.id())).isTrue();
    }

    @Test
    void hubNamesAreCaseInsensitive() {
        String upper = hub.toUpperCase(Locale.ROOT);
        Peer lower = peer("u");
        JsServiceClient upperService = service(server.connectionString(), upper);

        upperService.invoke("sendToConnection", lower.id(), "case", TEXT);
        assertThat(lower.next().path("data").asText()).isEqualTo("case");
        assertThat(upperService.check("userExists", "u")).isTrue();

        // a token minted for the upper-case hub connects and lands in the same hub
        JsonNode token = upperService.invoke("getClientAccessToken", Map.of("userId", "w"));
        assertThat(token.path("url").asText()).contains("/client/hubs/" + upper + "?");
        Peer upperPeer = connectPeer(URI.create(token.path("url").asText()));
        assertThat(service.check("connectionExists", upperPeer.id())).isTrue();
    }

    @Test
    void aHubThatAllowsAnonymousClientsAcceptsTheJsClientWithoutAToken() {
        JsServiceClient anonHub = service(server.connectionString(), "anon");
        JsClient viaPath = jsClient("path", URI.create("ws://127.0.0.1:" + server.port() + "/client/hubs/anon"));
        JsClient viaQuery = jsClient("query", URI.create("ws://127.0.0.1:" + server.port() + "/client/?hub=anon"));

        JsonNode first = viaPath.startAndAwaitConnected();
        JsonNode second = viaQuery.startAndAwaitConnected();

        assertThat(first.path("userId").isNull()).as("%s", first).isTrue();
        assertThat(second.path("userId").isNull()).as("%s", second).isTrue();
        anonHub.invoke("sendToConnection", viaQuery.connectionId(), "hello stranger", TEXT);
        assertThat(viaQuery.nextDataMessage().path("data").asText()).isEqualTo("hello stranger");
        assertThat(anonHub.check("connectionExists", viaPath.connectionId())).isTrue();
    }

    @Test
    void aHubThatDeniesAnonymousClientsRefusesTheUpgrade() {
        JsClient noToken = jsClient("nobody", URI.create("ws://127.0.0.1:" + server.port() + "/client/hubs/" + hub),
                Map.of("autoReconnect", false));
        assertThatThrownBy(() -> noToken.invoke("start"))
                .isInstanceOf(JsError.class);
        assertThatThrownBy(() -> TestWebSocket.connect(
                URI.create("ws://127.0.0.1:" + server.port() + "/client/hubs/" + hub), JSON_PROTOCOL))
                .isInstanceOfSatisfying(WebSocketHandshakeFailure.class,
                        e -> assertThat(e.statusCode()).isEqualTo(401));
    }
}
