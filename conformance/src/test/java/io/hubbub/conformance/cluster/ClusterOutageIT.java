package io.hubbub.conformance.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.rest.RequestOptions;
import com.azure.messaging.webpubsub.WebPubSubServiceClient;
import com.azure.messaging.webpubsub.WebPubSubServiceClientBuilder;
import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import io.hubbub.conformance.reliable.ChaosProxy;
import io.hubbub.server.config.ClusterSettings;
import io.hubbub.testkit.TestRedis;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes of a cluster when Redis goes away and when nodes leave: node A reaches Redis through a proxy the test cuts,
 * node B directly. Clients connect with tokens the test signs; the official Java SDK makes the REST calls.
 */
class ClusterOutageIT {

    private static final String HUB = "chat";
    private static final RequestOptions NONE = new RequestOptions();

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private String clusterName;
    private ChaosProxy redisProxy;
    private TestServer a;
    private TestServer b;

    @BeforeEach
    void startNodes() {
        assumeTrue(TestRedis.isReachable(), "no Redis at " + TestRedis.URI + " (set HUBBUB_TEST_REDIS)");
        clusterName = "it-" + UUID.randomUUID();
        redisProxy = ChaosProxy.start(TestRedis.URI.getPort());
        resources.add(redisProxy);
        a = node(URI.create("redis://127.0.0.1:" + redisProxy.port()));
        b = node(TestRedis.URI);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private TestServer node(URI redis) {
        TestServer node = TestServer.start(c -> c.cluster(new ClusterSettings(redis, clusterName)));
        resources.add(node);
        return node;
    }

    private TestWebSocket client(TestServer node, String user) {
        TestWebSocket ws = node.jsonClient(HUB, user);
        resources.add(ws);
        return ws;
    }

    private static WebPubSubServiceClient sdk(TestServer node) {
        return new WebPubSubServiceClientBuilder().connectionString(node.connectionString()).hub(HUB)
                .httpClient(new JdkHttpClientBuilder().build()).buildClient();
    }

    private int health(TestServer node) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.endpoint() + "/api/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean exists(TestServer askedNode, String user) {
        return sdk(askedNode).userExistsWithResponse(user, NONE).getValue();
    }

    private static String nextData(TestWebSocket ws) {
        return ws.nextJson().path("data").asText();
    }

    @Test
    void aNodeCutOffFromRedisKeepsServingItsOwnClientsAndJoinsAgainWhenRedisReturns() throws Exception {
        TestWebSocket onA = client(a, "alice");
        TestWebSocket onB = client(b, "bob");
        WebPubSubServiceClient viaA = sdk(a);
        viaA.sendToAll("before", WebPubSubContentType.TEXT_PLAIN);
        assertThat(nextData(onA)).isEqualTo("before");
        assertThat(nextData(onB)).isEqualTo("before");
        assertThat(health(a)).isEqualTo(200);

        redisProxy.refuseNewConnections(true);
        redisProxy.cutAll(ChaosProxy.Cut.RESET);
        await().atMost(Duration.ofSeconds(10)).until(() -> health(a) == 503);
        assertThat(health(b)).isEqualTo(200);

        viaA.sendToAll("during", WebPubSubContentType.TEXT_PLAIN);
        assertThat(nextData(onA)).as("A's own clients are still served").isEqualTo("during");
        assertThat(sdk(a).userExistsWithResponse("alice", NONE).getValue()).isTrue();

        redisProxy.refuseNewConnections(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> health(a) == 200);
        // Back in the cluster: B hears A again and A hears B (their beats run once a second).
        await().atMost(Duration.ofSeconds(10)).until(() -> exists(b, "alice") && exists(a, "bob"));
        viaA.sendToAll("after", WebPubSubContentType.TEXT_PLAIN);
        assertThat(nextData(onA)).isEqualTo("after");
        assertThat(nextData(onB)).as("what A sent while cut off is lost, nothing else").isEqualTo("after");
    }

    @Test
    void callsDoNotWaitForANodeThatLeft() {
        TestServer c = node(TestRedis.URI);
        TestWebSocket onC = client(c, "carol");
        WebPubSubServiceClient viaB = sdk(b);
        await().atMost(Duration.ofSeconds(5)).until(() -> viaB.userExistsWithResponse("carol", NONE).getValue());

        c.close();
        onC.awaitClose(Duration.ofSeconds(10));

        long start = System.nanoTime();
        assertThat(viaB.userExistsWithResponse("carol", NONE).getValue()).isFalse();
        assertThat(viaB.connectionExistsWithResponse("no-such-connection", NONE).getValue()).isFalse();
        // A node that said goodbye is not waited for; one that vanished would be, for up to 5 s per call.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
