package io.hubbub.protocol.protobuf;

import static io.hubbub.protocol.protobuf.Wire.bytes;
import static io.hubbub.protocol.protobuf.Wire.concat;
import static io.hubbub.protocol.protobuf.Wire.len;
import static io.hubbub.protocol.protobuf.Wire.str;
import static io.hubbub.protocol.protobuf.Wire.uint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hubbub.protocol.json.MalformedMessageException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames that must raise {@link MalformedMessageException}, and the ackId each one carries. */
class ProtobufDecoderMalformedTest {

    static MalformedMessageException malformed(byte[] frame) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> ProtobufClientMessageDecoder.decode(frame, 0, frame.length));
        assertThat(e).as("decoding must fail").isNotNull();
        return e;
    }

    @Test
    void emptyFrameHasNoMessage() {
        assertThat(malformed(new byte[0]).ackId()).isNull();
    }

    @Test
    void garbageBytes() {
        assertThat(malformed(bytes(0xFF, 0xFF, 0xFF)).ackId()).isNull();
        assertThat(malformed("{\"type\":\"ping\"}".getBytes()).ackId()).isNull(); // JSON sent on the wrong protocol
        assertThat(malformed(bytes(0x0A, 0x05, 0x01)).ackId()).isNull(); // length beyond the end
        assertThat(malformed(bytes(0x0F)).ackId()).isNull(); // wire type 7 does not exist
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] frame = new byte[random.nextInt(40)];
            random.nextBytes(frame);
            try {
                ProtobufClientMessageDecoder.decode(frame, 0, frame.length);
            } catch (MalformedMessageException expected) {
                // fine: either it decodes or it is malformed
            }
        }
    }

    @Test
    void missingDataCarriesTheAckId() {
        assertThat(malformed(len(1, str(1, "g"), uint(2, 0))))
                .hasMessageContaining("data").extracting(e -> e.ackId()).isEqualTo(0L);
        assertThat(malformed(len(5, str(1, "e"), uint(3, 7))).ackId()).isEqualTo(7L);
    }

    @Test
    void emptyMessageDataCarriesTheAckId() {
        assertThat(malformed(len(1, str(1, "g"), uint(2, 3), len(3))).ackId()).isEqualTo(3L);
        // only a MessageData case this schema does not know
        assertThat(malformed(len(5, str(1, "e"), len(2, str(9, "x")), uint(3, 4))).ackId()).isEqualTo(4L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"a\":1", "1 2", "{} []", "nope", "'single'", "[1,]"})
    void invalidJsonDataCarriesTheAckId(String json) {
        byte[] frame = len(1, str(1, "g"), uint(2, 5), len(3, str(4, json)));
        assertThat(malformed(frame)).hasMessageContaining("json_data").extracting(e -> e.ackId()).isEqualTo(5L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", " 2.5 ", "\"x\"", "null", "true", "[]", "{\"a\":[1,{}]}", "\n{}\n"})
    void validJsonDataIsAccepted(String json) throws Exception {
        byte[] frame = len(1, str(1, "g"), len(3, str(4, json)));
        assertThat(ProtobufClientMessageDecoder.decode(frame, 0, frame.length)).isNotNull();
    }

    @Test
    void invalidUtf8InTextDataStillYieldsTheAckIdReadBeforeIt() {
        byte[] frame = len(1, str(1, "g"), uint(2, 12), len(3, len(1, bytes(0xC3, 0x28))));
        assertThat(malformed(frame).ackId()).isEqualTo(12L);
    }

    @Test
    void ackIdAfterAnInvalidStringIsStillRead() {
        // the scanner skips strings as plain bytes, so a bad string does not hide a later ack id
        byte[] frame = len(5, str(1, "e"), len(2, len(1, bytes(0xFF))), uint(3, 12));
        assertThat(malformed(frame).ackId()).isEqualTo(12L);
    }

    @Test
    void ackIdBehindABrokenLengthIsNotRead() {
        // event (field 5) whose data (field 2) claims 127 bytes that are not there
        byte[] broken = concat(bytes(0x2A, 0x20), str(1, "e"), bytes(0x12, 0x7F), uint(3, 12));
        assertThat(malformed(broken).ackId()).isNull();
    }

    @Test
    void truncatedFrameKeepsAnAckIdItStillHolds() {
        byte[] whole = len(1, str(1, "g"), uint(2, 99), len(3, str(1, "a long enough text payload")));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 5);
        assertThat(malformed(truncated).ackId()).isEqualTo(99L);
        byte[] cutInsideTheAckId = Arrays.copyOf(len(6, str(1, "g"), uint(2, 300)), 6);
        assertThat(malformed(cutInsideTheAckId).ackId()).isNull();
    }

    @Test
    void invalidUtf8InGroupOfAJoin() {
        byte[] frame = len(6, uint(2, 21), len(1, bytes(0xED, 0xA0, 0x80))); // an encoded surrogate is not UTF-8
        assertThat(malformed(frame).ackId()).isEqualTo(21L);
    }

    @Test
    void rangeOutsideTheArray() {
        assertThatThrownBy(() -> ProtobufClientMessageDecoder.decode(new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
