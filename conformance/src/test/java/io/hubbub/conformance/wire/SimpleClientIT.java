package io.hubbub.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.TestWebSocket.CloseStatus;
import io.hubbub.testkit.TestWebSocket.Frame;
import io.hubbub.testkit.WebSocketHandshakeFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Simple clients (PROTOCOL.md §5.2, §5.6): raw frames, no system messages; {@code webpubsub_mode=sendToGroup}
 * publishes each frame keeping its type, or drops it without a send role; {@code sendEvent} without a handler
 * closes with 1000 and no reason.
 */
class SimpleClientIT extends WireFixture {

    private static final String SEND_TO_G = "&webpubsub_mode=sendToGroup&group=g";

    @Test
    void clientWithoutSubprotocolGetsRawFramesAndNoSystemMessages() {
        Client c = simple("u1", List.of(), List.of(), "");
        String path = "/api/hubs/" + hub + "/:send";
        assertThat(rest.post(path, "text/plain", "plain").statusCode()).isEqualTo(202);
        assertThat(rest.post(path, "application/json", "{\"a\":1}").statusCode()).isEqualTo(202);
        assertThat(rest.post(path, "application/octet-stream", new byte[] {1, 2, 3}).statusCode()).isEqualTo(202);
        assertThat(c.ws().next()).as("first frame: no connected message").isEqualTo(new Frame(true, "plain", null));
        assertThat(c.ws().next()).isEqualTo(new Frame(true, "{\"a\":1}", null));
        assertThat(c.ws().next()).isEqualTo(new Frame(false, null, new byte[] {1, 2, 3}));
        assertStillServing(c);
    }

    @Test
    void sendToGroupModePublishesEachFrameKeepingItsType() {
        Client simpleMember = simple("m1", List.of(), List.of("g"), "");
        Client jsonMember = json("m2", List.of(), List.of("g"));
        Client publisher = simple("pub", List.of("webpubsub.sendToGroup.g"), List.of(), SEND_TO_G);

        publisher.ws().sendText("hello");
        publisher.ws().sendBinary(new byte[] {1, 2, 3});
        assertThat(simpleMember.ws().next()).isEqualTo(new Frame(true, "hello", null));
        assertThat(simpleMember.ws().next()).isEqualTo(new Frame(false, null, new byte[] {1, 2, 3}));

        JsonNode text = jsonMember.next();
        assertThat(text.path("from").asText()).isEqualTo("group");
        assertThat(text.path("group").asText()).isEqualTo("g");
        assertThat(text.path("fromUserId").asText()).isEqualTo("pub");
        assertThat(text.path("dataType").asText()).isEqualTo("text");
        assertThat(text.path("data").asText()).isEqualTo("hello");
        JsonNode binary = jsonMember.next();
        assertThat(binary.path("dataType").asText()).isEqualTo("binary");
        assertThat(Base64.getDecoder().decode(binary.path("data").asText())).containsExactly(1, 2, 3);
        assertStillServing(simpleMember, jsonMember);
    }

    @Test
    void sendToGroupModeWithoutSendRoleDropsFrames() {
        Client simpleMember = simple("m1", List.of(), List.of("g"), "");
        Client jsonMember = json("m2", List.of(), List.of("g"));
        Client publisher = simple("pub", List.of("webpubsub.sendToGroup.other", "webpubsub.joinLeaveGroup"),
                List.of(), SEND_TO_G);
        publisher.ws().sendText("dropped");
        publisher.ws().sendBinary(new byte[] {9});
        // The close handshake is processed after both frames: once it is answered, they were handled.
        publisher.ws().close();
        assertThat(publisher.ws().awaitClose().code()).as("the node answered our close").isEqualTo(1000);
        assertStillServing(simpleMember, jsonMember);
    }

    @Test
    void sendToGroupModeNeedsExactlyOneValidGroup() {
        String token = clientToken("u1", List.of("webpubsub.sendToGroup"), List.of());
        String base = "/client/hubs/" + hub + "?access_token=" + token;
        for (String query : List.of("&webpubsub_mode=sendToGroup", "&webpubsub_mode=sendToGroup&group=",
                "&webpubsub_mode=sendToGroup&group=a&group=b", "&webpubsub_mode=sendToGroup&group=%20",
                "&webpubsub_mode=bogus")) {
            WebSocketHandshakeFailure failure = catchThrowableOfType(WebSocketHandshakeFailure.class,
                    () -> TestWebSocket.connect(ws(base + query)).close());
            assertThat(failure).as(query).isNotNull();
            assertThat(failure.statusCode()).as(query).isEqualTo(400);
        }
        assertStillServing();
    }

    @Test
    void sendEventFrameWithoutHandlerClosesWith1000AndNoReason() {
        Client bystander = json("bystander");
        Client text = simple("u1", List.of(), List.of(), "");
        text.ws().sendText("anyone?");
        CloseStatus status = text.ws().awaitClose();
        assertThat(status.code()).isEqualTo(1000);
        assertThat(status.reason()).isEmpty();

        Client binary = simple("u2", List.of(), List.of(), "&webpubsub_mode=sendEvent");
        binary.ws().sendBinary("anyone?".getBytes(StandardCharsets.UTF_8));
        assertThat(binary.ws().awaitClose()).isEqualTo(new CloseStatus(1000, ""));
        assertStillServing(bystander);
    }
}
