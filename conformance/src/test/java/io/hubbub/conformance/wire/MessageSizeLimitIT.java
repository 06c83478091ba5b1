package io.hubbub.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubbub.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The message size limit (PROTOCOL.md §10), set low here: a bigger WebSocket frame closes that connection with
 * {@code 1009}, a bigger REST body is a {@code 413}; a message of exactly the limit passes, and other clients never
 * notice.
 */
class MessageSizeLimitIT extends WireFixture {

    private static final int LIMIT = 4096;

    @Override
    TestServer startServer() {
        return TestServer.start(b -> b.maxMessageBytes(LIMIT));
    }

    /** A sendToGroup request of exactly {@code size} bytes of UTF-8. */
    private static String sendOfSize(int size) {
        String head = "{\"type\":\"sendToGroup\",\"group\":\"g\",\"ackId\":1,\"dataType\":\"text\",\"data\":\"";
        String tail = "\"}";
        String frame = head + "x".repeat(size - head.length() - tail.length()) + tail;
        assertThat(frame.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        return frame;
    }

    @Test
    void jsonFrameOverTheLimitClosesWith1009() {
        Client bystander = json("bystander", List.of(), List.of("g"));
        Client big = json("big", "webpubsub.sendToGroup");
        big.send(sendOfSize(LIMIT + 1));
        assertThat(big.ws().awaitClose().code()).isEqualTo(1009);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rest.method("HEAD",
                "/api/hubs/" + hub + "/connections/" + big.connectionId()).statusCode()).isEqualTo(404));
        assertStillServing(bystander);
    }

    @Test
    void fragmentedMessageOverTheLimitClosesWith1009() throws Exception {
        Client bystander = json("bystander", List.of(), List.of("g"));
        // Each fragment is under the limit, the message is not: the JDK client is used raw to send fragments.
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        WebSocket raw = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(JSON_PROTOCOL)
                .buildAsync(clientUri(clientToken("big", List.of("webpubsub.sendToGroup"), List.of())),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                                closeCode.complete(statusCode);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket ws, Throwable error) {
                                closeCode.completeExceptionally(error);
                            }
                        })
                .get(5, TimeUnit.SECONDS);
        try {
            String frame = sendOfSize(LIMIT + 1000);
            raw.sendText(frame.substring(0, LIMIT - 100), false).get(5, TimeUnit.SECONDS);
            raw.sendText(frame.substring(LIMIT - 100), true).get(5, TimeUnit.SECONDS);
            assertThat(closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        } finally {
            raw.abort();
        }
        assertStillServing(bystander);
    }

    @Test
    void jsonFrameOfExactlyTheLimitIsProcessed() {
        Client member = json("member", List.of(), List.of("g"));
        Client sender = json("sender", "webpubsub.sendToGroup");
        sender.send(sendOfSize(LIMIT));
        sender.expectAck("1");
        assertThat(member.next().path("data").asText()).hasSize(LIMIT - 72);
        assertStillServing(member, sender);
    }

    @Test
    void simpleClientBinaryFrameOverTheLimitClosesWith1009() {
        Client bystander = json("bystander", List.of(), List.of("g"));
        Client simple = simple("s", List.of("webpubsub.sendToGroup.g"), List.of(),
                "&webpubsub_mode=sendToGroup&group=g");
        simple.ws().sendBinary(new byte[LIMIT + 1]);
        assertThat(simple.ws().awaitClose().code()).isEqualTo(1009);
        assertStillServing(bystander);
    }

    @Test
    void restBodyOverTheLimitIs413WithTheRequestIdEchoed() {
        Client receiver = json("receiver");
        String path = "/api/hubs/" + hub + "/:send";
        // The head alone declares the size: the JDK client would send the body too and race the node's close.
        RawHttp.Response tooBig = RawHttp.headOnly(server.port(), "POST", path, "Content-Length: " + (LIMIT + 1),
                "Authorization: Bearer " + RestClient.token(rest.endpoint() + path),
                "Content-Type: application/octet-stream", "x-ms-client-request-id: id-413");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.header("x-ms-error-code")).isEqualTo("Error.PayloadTooLarge");
        assertThat(parse(new String(tooBig.body(), StandardCharsets.UTF_8)).path("code").asText())
                .isEqualTo("Error.PayloadTooLarge");
        assertThat(rest.post(path, "application/octet-stream", new byte[LIMIT]).statusCode()).isEqualTo(202);
        assertThat(receiver.next().path("dataType").asText()).isEqualTo("binary");
        assertStillServing(receiver);
        assertThat(tooBig.header("x-ms-client-request-id")).as("echoed on 413").isEqualTo("id-413");
    }
}
