package io.hubbub.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonClientMessageDecoderMalformedTest {

    /** Decodes single-quoted JSON (see {@link Frames#json}) and expects it to fail. */
    static MalformedMessageException malformed(String singleQuoted) {
        return malformed(Frames.utf8(Frames.json(singleQuoted)));
    }

    static MalformedMessageException malformed(byte[] frame) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> JsonClientMessageDecoder.decode(frame, 0, frame.length));
        assertThat(e).as("expected MalformedMessageException").isNotNull();
        return e;
    }

    // frame | expected ackId (empty: none) | part of the message. The ackId mostly comes after the bad field.
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{'group':'g','ackId':1}                                   | 1  | missing 'type'",
        "{'type':5,'ackId':2}                                      | 2  | 'type' must be a string",
        "{'type':null,'ackId':2}                                   | 2  | missing 'type'",
        "{'type':'streamData','ackId':3}                           | 3  | unknown message type 'streamData'",
        "{'type':'JoinGroup','group':'g','ackId':3}                | 3  | unknown message type 'JoinGroup'",
        "{'type':'joinGroup','ackId':4}                            | 4  | missing 'group'",
        "{'type':'leaveGroup','group':['g'],'ackId':5}             | 5  | 'group' must be a string",
        "{'type':'sendToGroup','group':'g','ackId':6}              | 6  | missing 'data'",
        "{'type':'sendToGroup','data':'x','ackId':7}               | 7  | missing 'group'",
        "{'type':'sendToGroup','group':'g','data':1,'noEcho':'true','ackId':8} | 8 | 'noEcho' must be a boolean",
        "{'type':'event','data':1,'ackId':9}                       | 9  | missing 'event'",
        "{'type':'event','event':{},'data':1,'ackId':9}            | 9  | 'event' must be a string",
        "{'type':'event','event':'e','dataType':'text','data':{'a':1},'ackId':10} | 10 | 'data' must be a string for dataType 'text'",
        "{'type':'event','event':'e','dataType':'text','data':null,'ackId':10}    | 10 | 'data' must be a string",
        "{'type':'event','event':'e','dataType':'text','data':12,'ackId':10}      | 10 | 'data' must be a string",
        "{'type':'event','event':'e','dataType':'binary','data':'not base64!','ackId':11} | 11 | not valid base64",
        "{'type':'event','event':'e','dataType':'binary','data':'AQID-_','ackId':11}      | 11 | not valid base64",
        "{'type':'event','event':'e','dataType':'binary','data':'A','ackId':11}           | 11 | not valid base64",
        "{'type':'event','event':'e','dataType':'binary','data':'AQ===','ackId':11}       | 11 | not valid base64",
        "{'type':'event','event':'e','dataType':'binary','data':'AQ\\nID','ackId':11}     | 11 | not valid base64",
        "{'type':'event','event':'e','dataType':'protobuf','data':'é','ackId':11}         | 11 | not valid base64",
        "{'type':'event','event':'e','dataType':'binary','data':[1],'ackId':12} | 12 | 'data' must be a base64 string",
        "{'type':'event','event':'e','dataType':'xml','data':'x','ackId':13}    | 13 | unknown dataType 'xml'",
        "{'type':'event','event':'e','dataType':'Text','data':'x','ackId':13}   | 13 | unknown dataType 'Text'",
        "{'type':'event','event':'e','dataType':1,'data':'x','ackId':13}        | 13 | 'dataType' must be a string",
        "{'type':'sequenceAck','ackId':14}                         | 14 | missing 'sequenceId'",
        "{'type':'sequenceAck','sequenceId':-1}                    |    | 'sequenceId' must be an unsigned 64-bit integer",
        "{'type':'sequenceAck','sequenceId':1.5}                   |    | 'sequenceId' must be",
        "{'type':'sequenceAck','sequenceId':'3a'}                  |    | 'sequenceId' must be",
        "{'type':'sequenceAck','sequenceId':' 3'}                  |    | 'sequenceId' must be",
        "{'type':'sequenceAck','sequenceId':18446744073709551616}  |    | 'sequenceId' must be",
        "{'type':'sequenceAck','sequenceId':true}                  |    | 'sequenceId' must be",
        "{'type':'invoke','event':'e'}                             |    | missing 'invocationId'",
        "{'type':'invoke','invocationId':'1'}                      |    | missing 'event'",
        "{'type':'cancelInvocation','invocationId':1}              |    | 'invocationId' must be a string",
    })
    void invalidMessagesCarryTheAckId(String frame, Long ackId, String messagePart) {
        MalformedMessageException e = malformed(frame);
        assertThat(e.ackId()).isEqualTo(ackId);
        assertThat(e).hasMessageContaining(messagePart);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "1e3", "1.0", "'5'", "true", "[1]", "{'n':1}", "18446744073709551616", "-0"})
    void anAckIdThatIsNotAnUnsigned64BitIntegerMakesTheMessageMalformedWithoutAck(String ackId) {
        MalformedMessageException e = malformed("{'type':'joinGroup','group':'g','ackId':" + ackId + "}");
        assertThat(e.ackId()).isNull();
        assertThat(e).hasMessage("'ackId' must be an unsigned 64-bit integer");
    }

    @Test
    void ackIdAtTheLimitsIsRecovered() {
        assertThat(malformed("{'type':'nope','ackId':0}").ackId()).isZero();
        assertThat(malformed("{'type':'nope','ackId':18446744073709551615}").ackId()).isEqualTo(-1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "[{'type':'ping','ackId':1}]", "'ping'", "42", "null"})
    void framesThatAreNotAJsonObjectAreMalformedWithoutAckId(String frame) {
        assertThat(malformed(frame).ackId()).isNull();
    }

    @Test
    void invalidJsonIsMalformedWithAClearMessage() {
        MalformedMessageException e = malformed("{'type':'joinGroup','group':g1}");
        assertThat(e).hasMessageStartingWith("invalid JSON: ").hasMessageNotContaining("line:");
        assertThat(e.ackId()).isNull();
    }

    @Test
    void invalidJsonKeepsAnAckIdReadBeforeTheError() {
        assertThat(malformed("{'type':'joinGroup','ackId':21,'group':").ackId()).isEqualTo(21L);
        assertThat(malformed("{'type':'joinGroup','ackId':22,'group':'g'").ackId()).isEqualTo(22L);
        assertThat(malformed("{'type':'joinGroup','ackId':23,'group':'g'}}").ackId()).isEqualTo(23L);
    }

    @Test
    void invalidJsonStillYieldsAnAckIdThatComesAfterTheError() {
        assertThat(malformed("{'type':'joinGroup','group':g1,'ackId':24}").ackId()).isEqualTo(24L);
        assertThat(malformed("{'type':'event','data':{'a':,'ackId':1}, 'ackId' : 25 }").ackId()).isEqualTo(25L);
        assertThat(malformed("{'data':'a \\' \\'ackId\\':1',,'ackId':26}").ackId()).isEqualTo(26L);
    }

    @Test
    void theFallbackScanOnlyTrustsATopLevelIntegerAckId() {
        assertThat(malformed("{'x':{'ackId':1},,}").ackId()).isNull();
        assertThat(malformed("{'data':'\\'ackId\\':2',,}").ackId()).isNull();
        assertThat(malformed("{,'ackId':3.5}").ackId()).isNull();
        assertThat(malformed("{,'ackId':-3}").ackId()).isNull();
        assertThat(malformed("{,'ackId':03}").ackId()).isNull();
        assertThat(malformed("{,'ackId':'3'}").ackId()).isNull();
        assertThat(malformed("{,'ackId':18446744073709551616}").ackId()).isNull();
        assertThat(malformed("{,'ackId'").ackId()).isNull();
    }

    @Test
    void trailingContentAfterTheObjectIsMalformed() {
        MalformedMessageException e = malformed("{'type':'ping','ackId':30} {'type':'ping'}");
        assertThat(e).hasMessageContaining("trailing content");
        assertThat(e.ackId()).isEqualTo(30L);
        assertThat(malformed("{'type':'ping','ackId':31} x").ackId()).isEqualTo(31L);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] frame = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(malformed(frame)).hasMessageStartingWith("invalid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'type':'ping'}",
        "{\"type\":\"ping\",}",
        "{\"type\":\"ping\"} // comment",
        "{\"type\":\"event\",\"event\":\"e\",\"data\":NaN}",
        "{type:\"ping\"}",
    })
    void nonStandardJsonIsRejected(String exact) {
        malformed(Frames.utf8(exact));
    }

    @Test
    void exceptionHasNoStackTraceBecauseClientsControlItsRate() {
        assertThat(malformed("{}").getStackTrace()).isEmpty();
    }
}
