package io.hubbub.protocol.json;

import static io.hubbub.protocol.json.Frames.decode;
import static io.hubbub.protocol.json.Frames.json;
import static io.hubbub.protocol.json.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A JSON client's message relayed to a JSON receiver, and what a simple receiver gets (PROTOCOL.md §5.6). */
class JsonRoundTripTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The payload of a sendToGroup; {@code data} is exact JSON text. */
    private static Payload sent(String dataType, String data) throws MalformedMessageException {
        String frame = "{\"type\":\"sendToGroup\",\"group\":\"g\",\"dataType\":\"" + dataType + "\",\"data\":" + data + "}";
        return ((SendToGroup) Frames.decodeRaw(frame)).payload();
    }

    private static String relayed(Payload p) {
        return utf8(JsonServerMessageEncoder.groupMessage("g", "u", p, null));
    }

    private static String tail(String dataType, String data) {
        return "\"dataType\":\"" + dataType + "\",\"data\":" + data + "}";
    }

    @Test
    void textStaysTextAndASimpleReceiverGetsTheBareString() throws Exception {
        Payload p = sent("text", "\"hello \\\"world\\\" 😀\"");
        assertThat(relayed(p)).endsWith(tail("text", "\"hello \\\"world\\\" 😀\""));
        assertThat(p.isTextFrame()).isTrue();
        assertThat(utf8(p.data())).isEqualTo("hello \"world\" 😀");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"b\":[true,null,\"x\"]}", "[]", "\"x\"", "42", "-0.5E-7", "true", "null",
        "{\"nested\":{\"deep\":{\"u\":\"日本😀\"}}}", "18446744073709551616123"})
    void jsonValuesRelayUnchanged(String value) throws Exception {
        Payload p = sent("json", value);
        assertThat(relayed(p)).endsWith(tail("json", value));
        assertThat(utf8(p.data())).isEqualTo(value);
    }

    @Test
    void jsonStringGivesSimpleReceiversTheTextWithQuotes() throws Exception {
        Payload p = sent("json", "\"x\"");
        assertThat(p.isTextFrame()).isTrue();
        assertThat(utf8(p.data())).isEqualTo("\"x\"");
    }

    @Test
    void jsonIsCompactedOnceOnTheWayIn() throws Exception {
        assertThat(relayed(sent("json", "{ \"a\" : [ 1 , 2 ] }"))).endsWith(tail("json", "{\"a\":[1,2]}"));
        assertThat(relayed(sent("json", "\"\\u00e9\\/\""))).endsWith(tail("json", "\"é/\""));
    }

    @Test
    void binaryIsRawBytesInsideAndPaddedBase64Outside() throws Exception {
        Payload p = sent("binary", "\"AQID\"");
        assertThat(p).isEqualTo(Payload.binary(new byte[] {1, 2, 3}));
        assertThat(p.isTextFrame()).isFalse();
        assertThat(relayed(p)).endsWith(tail("binary", "\"AQID\""));
        assertThat(relayed(sent("binary", "\"AQ\""))).endsWith(tail("binary", "\"AQ==\""));
    }

    @Test
    void protobufKeepsItsTypeThroughTheRelay() throws Exception {
        Payload p = sent("protobuf", "\"CgN4eXo=\"");
        assertThat(p.type()).isEqualTo(DataType.PROTOBUF);
        assertThat(p.isTextFrame()).isFalse();
        assertThat(relayed(p)).endsWith(tail("protobuf", "\"CgN4eXo=\""));
    }

    @Test
    void relayedJsonParsesToTheSameValue() throws Exception {
        String value = "{\"k\":[1,2,{\"z\":\"\\n\"}]}";
        JsonNode relayed = MAPPER.readTree(JsonServerMessageEncoder.serverMessage(sent("json", value), 5L));
        assertThat(relayed.get("data")).isEqualTo(MAPPER.readTree(value));
        assertThat(relayed.get("from").asText()).isEqualTo("server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "9007199254740993", "9223372036854775807", "9223372036854775808",
        "18446744073709551615"})
    void ackIdIsEchoedExactlyAsReceived(String ackId) throws Exception {
        JoinGroup join = (JoinGroup) decode("{'type':'joinGroup','group':'g','ackId':" + ackId + "}");
        assertThat(utf8(JsonServerMessageEncoder.ackSuccess(join.ackId())))
                .isEqualTo(json("{'type':'ack','ackId':" + ackId + ",'success':true}"));
        assertThat(utf8(JsonServerMessageEncoder.ackError(join.ackId(), "Duplicate", "m")))
                .startsWith(json("{'type':'ack','ackId':" + ackId + ",'success':false"));
    }

    @Test
    void aMalformedFramesAckIdIsEchoedExactlyInTheBadRequestAck() {
        MalformedMessageException e = JsonClientMessageDecoderMalformedTest.malformed(
                "{'type':'joinGroup','group':g,'ackId':18446744073709551615}");
        assertThat(utf8(JsonServerMessageEncoder.ackError(e.ackId(), "BadRequest", e.getMessage())))
                .startsWith(json("{'type':'ack','ackId':18446744073709551615,'success':false,'error':{'name':'BadRequest'"));
    }

    @Test
    void groupNamesAndUserIdsSurviveUnicode() throws Exception {
        SendToGroup m = (SendToGroup) decode("{'type':'sendToGroup','group':'Ω-\\ud83d\\ude80','dataType':'text','data':'x'}");
        JsonNode relayed = MAPPER.readTree(JsonServerMessageEncoder.groupMessage(m.group(), "用户", m.payload(), 1L));
        assertThat(relayed.get("group").asText()).isEqualTo("Ω-🚀");
        assertThat(relayed.get("fromUserId").asText()).isEqualTo("用户");
    }
}
