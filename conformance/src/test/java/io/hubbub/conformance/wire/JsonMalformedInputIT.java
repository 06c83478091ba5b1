package io.hubbub.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames a JSON-subprotocol client should never send (PROTOCOL.md §5.3): with a readable {@code ackId} they get
 * {@code BadRequest}, without one they are ignored, and the connection is never closed for them. A {@code ping}
 * after the bad frame proves the point: its {@code pong} must be the very next frame.
 */
class JsonMalformedInputIT extends WireFixture {

    private static final String JOIN_ALL = "webpubsub.joinLeaveGroup";

    @Test
    void malformedJsonWithReadableAckIdIsAckedBadRequest() {
        Client c = json("u1", JOIN_ALL);
        c.send("{\"type\":\"joinGroup\",\"group\":\"g\",\"ackId\":7,");
        c.expectAckError("7", "BadRequest");
        c.send("{\"ackId\":8,\"type\":\"joinGroup\",\"group\":}");
        c.expectAckError("8", "BadRequest");
        c.send("{\"type\":\"joinGroup\" \"group\":\"g\",\"ackId\":9}");
        c.expectAckError("9", "BadRequest");
        c.ping();
        assertStillServing(c);
    }

    @Test
    void malformedJsonWithoutAckIdIsIgnored() {
        Client c = json("u1", JOIN_ALL);
        for (String bad : new String[] {"{\"type\":\"joinGroup\",", "not json", "", "[1,2]", "42", "null",
                "{\"type\":\"joinGroup\"}", "{\"group\":\"g\"}", "{\"type\":\"sendToGroup\",\"group\":\"g\"}",
                "{\"type\":\"joinGroup\",\"group\":\"g\",\"ackId\":-1}", "{\"type\":\"ping\"} trailing"}) {
            c.send(bad);
        }
        c.ping();
        c.send("{\"type\":\"joinGroup\",\"group\":\"g\",\"ackId\":1}");
        c.expectAck("1");
        assertStillServing(c);
    }

    @Test
    void binaryFrameIsIgnored() {
        Client c = json("u1", JOIN_ALL);
        c.ws().sendBinary("{\"type\":\"joinGroup\",\"group\":\"g\",\"ackId\":3}".getBytes());
        c.ws().sendBinary(new byte[] {0, 1, 2, (byte) 0xff});
        c.ping();
        assertThat(rest.method("HEAD", "/api/hubs/" + hub + "/groups/g").statusCode())
                .as("the binary joinGroup did nothing").isEqualTo(404);
        assertStillServing(c);
    }

    @Test
    void missingOrWronglyTypedFieldsWithAckIdAreAckedBadRequest() {
        Client c = json("u1", JOIN_ALL, "webpubsub.sendToGroup");
        c.send("{\"type\":\"joinGroup\",\"ackId\":1}");
        c.expectAckError("1", "BadRequest");
        c.send("{\"type\":\"sendToGroup\",\"group\":\"g\",\"ackId\":2}");
        c.expectAckError("2", "BadRequest");
        c.send("{\"type\":\"sendToGroup\",\"group\":\"g\",\"ackId\":3,\"dataType\":\"binary\",\"data\":\"!!\"}");
        c.expectAckError("3", "BadRequest");
        c.send("{\"type\":\"sendToGroup\",\"group\":\"g\",\"ackId\":4,\"dataType\":\"nope\",\"data\":\"x\"}");
        c.expectAckError("4", "BadRequest");
        c.send("{\"type\":\"joinGroup\",\"group\":5,\"ackId\":5}");
        c.expectAckError("5", "BadRequest");
        c.send("{\"group\":\"g\",\"ackId\":6}");
        c.expectAckError("6", "BadRequest");
        c.send("{\"type\":\"joinGroup\",\"group\":\"g\",\"ackId\":null}");
        c.ping(); // a null ackId is no ackId: joined without an ack
        c.ping();
        assertStillServing(c);
    }

    @Test
    void unknownTypeWithAckIdIsAckedBadRequest() {
        Client c = json("u1");
        c.send("{\"type\":\"teleport\",\"ackId\":11}");
        c.expectAckError("11", "BadRequest");
        c.send("{\"type\":\"teleport\"}");
        c.ping();
        assertStillServing(c);
    }

    @Test
    void extremeAckIdsAreEchoedExactly() {
        Client c = json("u1", JOIN_ALL);
        for (String ackId : new String[] {"0", "9007199254740993", "9223372036854775808", "18446744073709551615"}) {
            c.send("{\"type\":\"joinGroup\",\"group\":\"g\",\"ackId\":" + ackId + "}");
            String raw = c.ws().nextText();
            assertThat(raw).contains("\"ackId\":" + ackId + ",").contains("\"success\":true");
        }
        c.send("{\"type\":\"joinGroup\",\"group\":\"g\",\"ackId\":18446744073709551616}");
        c.ping(); // beyond uint64: not a readable ackId, so no ack at all
        assertStillServing(c);
    }

    @Test
    void repeatedAckIdIsDuplicateAndNotProcessedTwice() {
        Client sender = json("u1", JOIN_ALL, "webpubsub.sendToGroup");
        Client member = json("u2", List.of(), List.of("g"));
        String send = "{\"type\":\"sendToGroup\",\"group\":\"g\",\"dataType\":\"text\",\"data\":\"once\",\"ackId\":5}";
        sender.send(send);
        sender.expectAck("5");
        sender.send(send);
        JsonNode duplicate = sender.expectAckError("5", "Duplicate");
        assertThat(duplicate.path("error").path("message").asText())
                .isEqualTo("Message with ack-id: 5 has been processed");
        sender.send("{\"type\":\"joinGroup\",\"group\":\"h\",\"ackId\":5}");
        sender.expectAckError("5", "Duplicate");
        sender.send("{\"type\":\"joinGroup\",\"group\":\"h\",\"ackId\":0}");
        sender.expectAck("0");
        sender.send("{\"type\":\"leaveGroup\",\"group\":\"h\",\"ackId\":0}");
        sender.expectAckError("0", "Duplicate");

        assertThat(member.next().path("data").asText()).isEqualTo("once");
        assertStillServing(sender, member);
    }

    @Test
    void invalidGroupNamesAreAckedBadRequest() {
        Client c = json("u1", JOIN_ALL, "webpubsub.sendToGroup");
        String tooLong = "g".repeat(1025);
        String[] bad = {"", " ", "\\t \\n", tooLong};
        int ackId = 1;
        for (String group : bad) {
            c.send("{\"type\":\"joinGroup\",\"group\":\"" + group + "\",\"ackId\":" + ackId + "}");
            c.expectAckError(String.valueOf(ackId++), "BadRequest");
            c.send("{\"type\":\"leaveGroup\",\"group\":\"" + group + "\",\"ackId\":" + ackId + "}");
            c.expectAckError(String.valueOf(ackId++), "BadRequest");
            c.send("{\"type\":\"sendToGroup\",\"group\":\"" + group + "\",\"dataType\":\"text\",\"data\":\"x\","
                    + "\"ackId\":" + ackId + "}");
            c.expectAckError(String.valueOf(ackId++), "BadRequest");
        }
        c.send("{\"type\":\"joinGroup\",\"group\":\"" + "g".repeat(1024) + "\",\"ackId\":100}");
        c.expectAck("100");
        assertStillServing(c);
    }

    @Test
    void invokeIsAnsweredWithAFailedInvokeResponse() {
        Client c = json("u1");
        c.send("{\"type\":\"invoke\",\"invocationId\":\"inv-1\",\"target\":\"event\",\"event\":\"calc\","
                + "\"dataType\":\"text\",\"data\":\"1+1\"}");
        JsonNode response = c.next();
        assertThat(response.path("type").asText()).isEqualTo("invokeResponse");
        assertThat(response.path("invocationId").asText()).isEqualTo("inv-1");
        assertThat(response.path("success").asBoolean(true)).isFalse();
        assertThat(response.path("error").path("name").asText()).isEqualTo("NotSupported");
        assertThat(response.path("error").path("message").asText()).isNotBlank();
        c.ping();
        assertStillServing(c);
    }

    @Test
    void eventWithoutHandlerIsAckedNotFound() {
        Client c = json("u1");
        c.send("{\"type\":\"event\",\"event\":\"nobody\",\"dataType\":\"text\",\"data\":\"x\",\"ackId\":1}");
        c.expectAckError("1", "NotFound");
        c.send("{\"type\":\"event\",\"event\":\"nobody\",\"dataType\":\"json\",\"data\":{\"a\":1}}");
        c.ping(); // without ackId: dropped, connection kept
        assertStillServing(c);
    }
}
