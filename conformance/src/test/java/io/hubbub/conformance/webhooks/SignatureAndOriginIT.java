package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.JSON_V1;
import static io.hubbub.conformance.webhooks.Webhooks.anonymousUrl;
import static io.hubbub.conformance.webhooks.Webhooks.awaitEvent;
import static io.hubbub.conformance.webhooks.Webhooks.events;
import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static io.hubbub.conformance.webhooks.Webhooks.signature;
import static io.hubbub.conformance.webhooks.Webhooks.signatures;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.server.config.ServerConfig;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PROTOCOL.md §9.5 ({@code ce-signature}: one HMAC per access key, primary first, matching the test vectors) and
 * §9.3/§9.4 ({@code WebHook-Request-Origin}: the public endpoint's host, no scheme, no port).
 */
class SignatureAndOriginIT {

    /** The first test vector's key of §9.5. */
    private static final String VECTOR_KEY = "7aab239577fd4f24bc919802fb629f5f";

    private WebhookRecorder recorder;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    @Test
    void theSignatureDefinitionMatchesTheProtocolTestVectors() {
        assertThat(signature(VECTOR_KEY, "0f9c97a2f0bf4706afe87a14e0797b11"))
                .isEqualTo("sha256=7767effcb3946f3e1de039df4b986ef02c110b1469d02c0a06f41b3b727ab561");
        assertThat(signature(TestServer.ACCESS_KEY, "conn-1"))
                .isEqualTo("sha256=6d7840a7354275219b1cf31966f08133f243902f745117dbe566bd9b74bd6322");
    }

    /** Connection ids are the server's to choose, so the vectors' keys are checked on the ids it chose. */
    @ParameterizedTest
    @ValueSource(strings = {VECTOR_KEY, TestServer.ACCESS_KEY})
    void aNodeWithOneKeySignsEveryEventWithThatKey(String key) {
        String id = connectAndClose(b -> b.primaryKey(key).secondaryKey(null));
        List<Recorded> events = events(recorder, id);
        assertThat(events).extracting(r -> r.header("ce-eventName"))
                .containsExactly("connect", "connected", "disconnected");
        assertThat(events).extracting(r -> r.header("ce-signature")).containsOnly(signature(key, id));
    }

    @Test
    void aNodeWithTwoKeysSignsWithBothPrimaryFirst() {
        String id = connectAndClose(b -> { });
        for (Recorded e : events(recorder, id)) {
            assertThat(signatures(e.header("ce-signature"))).as("%s", e)
                    .containsExactly(signature(TestServer.ACCESS_KEY, id), signature(TestServer.SECONDARY_KEY, id));
        }
    }

    @Test
    void theOriginIsThePublicEndpointsHostWithoutSchemeOrPort() {
        recorder = WebhookRecorder.start();
        recorder.allowOrigin("pubsub.example.com"); // exact: would fail abuse protection for any other origin
        server = Webhooks.serve(Map.of("anon", hub(true, Webhooks.everything(recorder))),
                b -> b.publicEndpoint(URI.create("https://pubsub.example.com:8443")));
        Client client = Webhooks.json(TestWebSocket.connect(anonymousUrl(server, "anon"), JSON_V1));
        awaitEvent(recorder, client.connectionId(), "connected");
        client.close();
        awaitEvent(recorder, client.connectionId(), "disconnected");

        assertThat(recorder.all()).extracting(Recorded::method).contains("OPTIONS", "POST");
        assertThat(recorder.all()).allSatisfy(r -> assertThat(r.header("WebHook-Request-Origin"))
                .as("%s %s", r.method(), r.path()).isEqualTo("pubsub.example.com"));
    }

    private String connectAndClose(Consumer<ServerConfig.Builder> keys) {
        recorder = WebhookRecorder.start();
        server = Webhooks.serve(Map.of("anon", hub(true, Webhooks.everything(recorder))), keys);
        Client client = Webhooks.json(TestWebSocket.connect(anonymousUrl(server, "anon"), JSON_V1));
        String id = client.connectionId();
        awaitEvent(recorder, id, "connected");
        client.close();
        awaitEvent(recorder, id, "disconnected");
        return id;
    }
}
