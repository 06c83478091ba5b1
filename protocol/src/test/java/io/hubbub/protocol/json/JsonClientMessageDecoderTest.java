package io.hubbub.protocol.json;

import static io.hubbub.protocol.json.Frames.decode;
import static io.hubbub.protocol.json.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonClientMessageDecoderTest {

    // the seven examples of PROTOCOL.md §5.3, as the official clients send them

    @Test
    void decodesJoinGroup() throws Exception {
        assertThat(decode("{'type':'joinGroup','group':'g1','ackId':1}")).isEqualTo(new JoinGroup("g1", 1L));
    }

    @Test
    void decodesLeaveGroup() throws Exception {
        assertThat(decode("{'type':'leaveGroup','group':'g1','ackId':2}")).isEqualTo(new LeaveGroup("g1", 2L));
    }

    @Test
    void decodesSendToGroupWithText() throws Exception {
        assertThat(decode("{'type':'sendToGroup','group':'g1','ackId':3,'noEcho':false,'dataType':'text','data':'hello'}"))
                .isEqualTo(new SendToGroup("g1", Payload.text("hello"), 3L, false));
    }

    @Test
    void decodesFireAndForgetBinarySendToGroup() throws Exception {
        assertThat(decode("{'type':'sendToGroup','group':'g1','noEcho':true,'dataType':'binary','data':'AQID'}"))
                .isEqualTo(new SendToGroup("g1", Payload.binary(new byte[] {1, 2, 3}), null, true));
    }

    @Test
    void decodesEventWithJson() throws Exception {
        EventMessage m = (EventMessage) decode("{'type':'event','event':'myevent','ackId':6,'dataType':'json','data':{'b':2}}");
        assertThat(m.event()).isEqualTo("myevent");
        assertThat(m.ackId()).isEqualTo(6L);
        assertThat(m.payload().type()).isEqualTo(DataType.JSON);
        assertThat(utf8(m.payload().data())).isEqualTo("{\"b\":2}");
    }

    @Test
    void decodesSequenceAck() throws Exception {
        assertThat(decode("{'type':'sequenceAck','sequenceId':3}")).isEqualTo(new SequenceAck(3));
    }

    @Test
    void decodesPing() throws Exception {
        assertThat(decode("{'type':'ping'}")).isEqualTo(new Ping());
    }

    @Test
    void fieldOrderIsFreeAndUnknownFieldsAreIgnored() throws Exception {
        String frame = "{'data':'hi','x':{'deep':[1,{'ackId':9}]},'dataType':'text','ttlSeconds':5,"
                + "'metadata':{'k':'v'},'group':'g','ackId':4,'type':'sendToGroup'}";
        assertThat(decode(frame)).isEqualTo(new SendToGroup("g", Payload.text("hi"), 4L, false));
    }

    @Test
    void whitespaceAroundTokensIsAccepted() throws Exception {
        assertThat(decode(" \n{ 'type' : 'joinGroup' ,\r\n\t'group' : 'g' } \n")).isEqualTo(new JoinGroup("g", null));
    }

    @Test
    void decodesFromAnOffsetInsideALargerArray() throws Exception {
        byte[] buf = utf8("xx{\"type\":\"ping\"}yy");
        assertThat(JsonClientMessageDecoder.decode(buf, 2, buf.length - 4)).isEqualTo(new Ping());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1",
        "9007199254740993, 9007199254740993",
        "9223372036854775807, 9223372036854775807",
        "9223372036854775808, -9223372036854775808",
        "18446744073709551615, -1",
    })
    void ackIdIsUnsigned64BitWithFullPrecisionAndZeroIsReal(String wire, long held) throws Exception {
        JoinGroup m = (JoinGroup) decode("{'type':'joinGroup','group':'g','ackId':" + wire + "}");
        assertThat(m.ackId()).isEqualTo(held);
        assertThat(Long.toUnsignedString(m.ackId())).isEqualTo(wire);
    }

    @Test
    void nullOptionalFieldsCountAsAbsent() throws Exception {
        assertThat(decode("{'type':'sendToGroup','group':'g','ackId':null,'noEcho':null,'dataType':null,'data':1}"))
                .isEqualTo(new SendToGroup("g", Payload.json(utf8("1")), null, false));
    }

    @Test
    void dataTypeDefaultsToJson() throws Exception {
        EventMessage m = (EventMessage) decode("{'type':'event','event':'e','data':[1, 2 ,{ 'a' : null }]}");
        assertThat(m.payload().type()).isEqualTo(DataType.JSON);
        assertThat(utf8(m.payload().data())).isEqualTo("[1,2,{\"a\":null}]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{ 'a' : [ true , false ] } | {'a':[true,false]}",
        "'x'                        | 'x'",
        "'q\\' t\\t \\u00e9\\/'     | 'q\\' t\\t é/'",
        "12                         | 12",
        "-1.5e3                     | -1.5e3",
        "1234567890123456789012345678.000000000000000000001 | 1234567890123456789012345678.000000000000000000001",
        "true                       | true",
        "null                       | null",
        "[ ]                        | []",
        "{ }                        | {}",
    })
    void jsonDataMayBeAnyJsonValueAndIsReserializedCompactly(String sent, String kept) throws Exception {
        EventMessage m = (EventMessage) decode("{'type':'event','event':'e','dataType':'json','data':" + sent + "}");
        assertThat(utf8(m.payload().data())).isEqualTo(Frames.json(kept));
    }

    @Test
    void dataMayComeBeforeDataType() throws Exception {
        assertThat(decode("{'data':'AQI','dataType':'binary','type':'event','event':'e'}"))
                .isEqualTo(new EventMessage("e", Payload.binary(new byte[] {1, 2}), null));
    }

    @ParameterizedTest
    @CsvSource({"AQI=, 2", "AQI, 2", "AQ==, 1", "AQ=, 1", "AQ, 1", "'', 0"})
    void base64PaddingIsOptional(String data, int size) throws Exception {
        EventMessage m = (EventMessage) decode("{'type':'event','event':'e','dataType':'binary','data':'" + data + "'}");
        assertThat(m.payload().data()).hasSize(size);
    }

    @Test
    void protobufDataIsBase64OfTheSerializedAny() throws Exception {
        assertThat(decode("{'type':'event','event':'e','dataType':'protobuf','data':'CgN4eXo='}"))
                .isEqualTo(new EventMessage("e", new Payload(DataType.PROTOBUF, new byte[] {10, 3, 'x', 'y', 'z'}), null));
    }

    @Test
    void textKeepsUnicodeIncludingNonBmpAndEscapes() throws Exception {
        SendToGroup m = (SendToGroup) decode("{'type':'sendToGroup','group':'grüße 😀','dataType':'text',"
                + "'data':'a\\'b\\\\c\\n\\u0001 \\ud83d\\ude00 😀 日本'}");
        assertThat(m.group()).isEqualTo("grüße 😀");
        assertThat(utf8(m.payload().data())).isEqualTo("a\"b\\c\n\u0001 😀 😀 日本");
    }

    @Test
    void lastDuplicateFieldWins() throws Exception {
        assertThat(decode("{'type':'joinGroup','group':'a','group':'b','ackId':1,'ackId':2}"))
                .isEqualTo(new JoinGroup("b", 2L));
    }

    @Test
    void sequenceAckAcceptsANumericStringAndTheFullUnsignedRange() throws Exception {
        assertThat(decode("{'type':'sequenceAck','sequenceId':'42'}")).isEqualTo(new SequenceAck(42));
        assertThat(decode("{'type':'sequenceAck','sequenceId':0}")).isEqualTo(new SequenceAck(0));
        assertThat(decode("{'type':'sequenceAck','sequenceId':'18446744073709551615'}")).isEqualTo(new SequenceAck(-1));
        assertThat(decode("{'type':'sequenceAck','sequenceId':18446744073709551615}")).isEqualTo(new SequenceAck(-1));
    }

    @Test
    void pingIgnoresExtraFieldsIncludingABadAckId() throws Exception {
        assertThat(decode("{'type':'ping','ackId':-1,'data':1}")).isEqualTo(new Ping());
    }

    @Test
    void decodesPreviewInvokeAndCancelInvocation() throws Exception {
        assertThat(decode("{'type':'invoke','invocationId':'7','target':'event','event':'e','dataType':'text','data':'q'}"))
                .isEqualTo(new Invoke("7", "e", Payload.text("q")));
        assertThat(decode("{'type':'invoke','invocationId':'8','event':'e'}")).isEqualTo(new Invoke("8", "e", null));
        assertThat(decode("{'type':'cancelInvocation','invocationId':'7'}")).isEqualTo(new CancelInvocation("7"));
    }

    @Test
    void emptyGroupNamesAreLeftToTheServerToJudge() throws Exception {
        assertThat(decode("{'type':'joinGroup','group':''}")).isEqualTo(new JoinGroup("", null));
    }
}
