package io.hubbub.protocol.json;

import static io.hubbub.protocol.json.Frames.json;
import static io.hubbub.protocol.json.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonServerMessageEncoderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode tree(byte[] frame) throws Exception {
        return MAPPER.readTree(frame);
    }

    // the seven examples of PROTOCOL.md §5.4, byte for byte

    @Test
    void encodesConnected() {
        assertThat(utf8(JsonServerMessageEncoder.connected("<id>", "u1", "<token>"))).isEqualTo(json(
                "{'type':'system','event':'connected','userId':'u1','connectionId':'<id>','reconnectionToken':'<token>'}"));
    }

    @Test
    void encodesDisconnected() {
        assertThat(utf8(JsonServerMessageEncoder.disconnected("<reason>")))
                .isEqualTo(json("{'type':'system','event':'disconnected','message':'<reason>'}"));
    }

    @Test
    void encodesAckSuccess() {
        assertThat(utf8(JsonServerMessageEncoder.ackSuccess(1))).isEqualTo(json("{'type':'ack','ackId':1,'success':true}"));
    }

    @Test
    void encodesAckError() {
        assertThat(utf8(JsonServerMessageEncoder.ackError(1, "Forbidden", "<detail>"))).isEqualTo(json(
                "{'type':'ack','ackId':1,'success':false,'error':{'name':'Forbidden','message':'<detail>'}}"));
    }

    @Test
    void encodesGroupMessage() {
        Payload payload = Payload.json(utf8("{\"a\":1}"));
        assertThat(utf8(JsonServerMessageEncoder.groupMessage("g1", "u2", payload, 7L))).isEqualTo(json(
                "{'type':'message','from':'group','group':'g1','fromUserId':'u2','dataType':'json','data':{'a':1},'sequenceId':7}"));
    }

    @Test
    void encodesServerMessage() {
        assertThat(utf8(JsonServerMessageEncoder.serverMessage(Payload.text("hi"), 8L)))
                .isEqualTo(json("{'type':'message','from':'server','dataType':'text','data':'hi','sequenceId':8}"));
    }

    @Test
    void encodesPongAsAFreshArrayEachTime() {
        assertThat(utf8(JsonServerMessageEncoder.pong())).isEqualTo(json("{'type':'pong'}"));
        JsonServerMessageEncoder.pong()[0] = 'x';
        assertThat(utf8(JsonServerMessageEncoder.pong())).isEqualTo(json("{'type':'pong'}"));
    }

    @Test
    void encodesInvokeResponseError() {
        assertThat(utf8(JsonServerMessageEncoder.invokeResponseError("7", "NotSupported", "not supported"))).isEqualTo(json(
                "{'type':'invokeResponse','invocationId':'7','success':false,"
                        + "'error':{'name':'NotSupported','message':'not supported'}}"));
    }

    @Test
    void anonymousAndNonReliableConnectedOmitUserIdAndToken() {
        assertThat(utf8(JsonServerMessageEncoder.connected("c1", null, null)))
                .isEqualTo(json("{'type':'system','event':'connected','connectionId':'c1'}"));
    }

    @Test
    void nonReliableDataMessagesHaveNoSequenceIdAndAnonymousSendersNoFromUserId() {
        assertThat(utf8(JsonServerMessageEncoder.groupMessage("g", null, Payload.text("x"), null)))
                .isEqualTo(json("{'type':'message','from':'group','group':'g','dataType':'text','data':'x'}"));
        assertThat(utf8(JsonServerMessageEncoder.serverMessage(Payload.text("x"), null)))
                .isEqualTo(json("{'type':'message','from':'server','dataType':'text','data':'x'}"));
    }

    @Test
    void disconnectedAlwaysCarriesAMessageAndErrorsAlwaysCarryBothFields() {
        assertThat(utf8(JsonServerMessageEncoder.disconnected(null)))
                .isEqualTo(json("{'type':'system','event':'disconnected','message':''}"));
        assertThat(utf8(JsonServerMessageEncoder.ackError(2, null, null))).endsWith(json("'error':{'name':'','message':''}}"));
    }

    @Test
    void unsignedIdsAreWrittenAsUnsignedNumbers() throws Exception {
        assertThat(utf8(JsonServerMessageEncoder.ackSuccess(0))).isEqualTo(json("{'type':'ack','ackId':0,'success':true}"));
        assertThat(utf8(JsonServerMessageEncoder.ackSuccess(-1L)))
                .isEqualTo(json("{'type':'ack','ackId':18446744073709551615,'success':true}"));
        assertThat(utf8(JsonServerMessageEncoder.ackError(Long.MIN_VALUE, "BadRequest", "m")))
                .contains(json("'ackId':9223372036854775808,"));
        assertThat(tree(JsonServerMessageEncoder.serverMessage(Payload.text("x"), -2L)).get("sequenceId").asText())
                .isEqualTo("18446744073709551614");
    }

    @Test
    void binaryAndProtobufDataAreStandardPaddedBase64() {
        byte[] b = {(byte) 0xFB, (byte) 0xFF, (byte) 0xBF, 0};
        assertThat(utf8(JsonServerMessageEncoder.serverMessage(Payload.binary(b), null)))
                .endsWith(json("'dataType':'binary','data':'+/+/AA=='}"));
        assertThat(utf8(JsonServerMessageEncoder.serverMessage(new Payload(DataType.PROTOBUF, new byte[] {10, 3}), null)))
                .endsWith(json("'dataType':'protobuf','data':'CgM='}"));
        assertThat(utf8(JsonServerMessageEncoder.serverMessage(Payload.binary(new byte[0]), null)))
                .endsWith(json("'data':''}"));
    }

    @Test
    void jsonPayloadIsWrittenRawNotReparsed() {
        // trusted to be valid JSON: its exact text, whitespace and number literals included, is kept
        String raw = "[1.000000000000000000001, {\"k\" : \"é😀\"}]";
        assertThat(utf8(JsonServerMessageEncoder.serverMessage(Payload.json(utf8(raw)), 3L)))
                .isEqualTo(json("{'type':'message','from':'server','dataType':'json','data':" + raw + ",'sequenceId':3}"));
    }

    @Test
    void payloadsLargerThanTheGeneratorBufferArriveWhole() throws Exception {
        String big = "\"" + "x".repeat(200_000) + "\"";
        JsonNode jsonFrame = tree(JsonServerMessageEncoder.groupMessage("g", "u", Payload.json(utf8(big)), 1L));
        assertThat(jsonFrame.get("data").asText()).hasSize(200_000);
        assertThat(jsonFrame.get("sequenceId").asLong()).isEqualTo(1);

        byte[] blob = new byte[300_000];
        new Random(1).nextBytes(blob);
        assertThat(tree(JsonServerMessageEncoder.serverMessage(Payload.binary(blob), null)).get("data").binaryValue())
                .isEqualTo(blob);

        String text = "\"é\n😀".repeat(50_000);
        assertThat(tree(JsonServerMessageEncoder.serverMessage(Payload.text(text), null)).get("data").asText())
                .isEqualTo(text);
    }

    @Test
    void stringsAreEscapedCorrectly() throws Exception {
        String nasty = "quote\" backslash\\ slash/ nl\n cr\r tab\t nul\u0000 bell\u0007 del\u007f é 日本 😀 \u2028";
        byte[] frame = JsonServerMessageEncoder.groupMessage(nasty, nasty, Payload.text(nasty), null);
        JsonNode message = tree(frame);
        assertThat(message.get("group").asText()).isEqualTo(nasty);
        assertThat(message.get("fromUserId").asText()).isEqualTo(nasty);
        assertThat(message.get("data").asText()).isEqualTo(nasty);
        assertThat(utf8(frame)).contains("😀").doesNotContain("\\uD83D").contains("\\u0000").contains("\\\"");

        JsonNode ack = tree(JsonServerMessageEncoder.ackError(1, nasty, nasty));
        assertThat(ack.at("/error/name").asText()).isEqualTo(nasty);
        assertThat(ack.at("/error/message").asText()).isEqualTo(nasty);
        JsonNode connected = tree(JsonServerMessageEncoder.connected(nasty, nasty, nasty));
        assertThat(connected.get("connectionId").asText()).isEqualTo(nasty);
        assertThat(connected.get("userId").asText()).isEqualTo(nasty);
        assertThat(connected.get("reconnectionToken").asText()).isEqualTo(nasty);
        assertThat(tree(JsonServerMessageEncoder.disconnected(nasty)).get("message").asText()).isEqualTo(nasty);
        JsonNode invoke = tree(JsonServerMessageEncoder.invokeResponseError(nasty, nasty, nasty));
        assertThat(invoke.get("invocationId").asText()).isEqualTo(nasty);
        assertThat(invoke.at("/error/message").asText()).isEqualTo(nasty);
    }

    @Test
    void loneSurrogatesAreEscapedRatherThanFailing() {
        assertThat(utf8(JsonServerMessageEncoder.disconnected("a\ud800b")))
                .isEqualTo("{\"type\":\"system\",\"event\":\"disconnected\",\"message\":\"a\\uD800b\"}");
    }
}
