package io.hubbub.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LatencyPayloadTest {

    @Test
    void shouldReadTheSendTimeBackFromAGroupMessage() {
        byte[] data = LatencyPayload.data(123_456_789L, 2048);
        byte[] frame = JsonServerMessageEncoder.groupMessage("small-3", "user-7", new Payload(
                io.hubbub.protocol.DataType.TEXT, data), null);

        assertThat(data).hasSize(2048);
        assertThat(LatencyPayload.sentNanos(Unpooled.wrappedBuffer(frame))).isEqualTo(123_456_789L);
    }

    @Test
    void shouldReadTheSendTimeBackFromAServerMessage() {
        byte[] frame = JsonServerMessageEncoder.serverMessage(Payload.text("42 xxxx"), null);

        assertThat(LatencyPayload.sentNanos(Unpooled.wrappedBuffer(frame))).isEqualTo(42L);
    }

    @Test
    void shouldFindNoSendTimeInSystemMessages() {
        byte[] connected = JsonServerMessageEncoder.connected("conn-1", "user-1", null);

        assertThat(LatencyPayload.sentNanos(Unpooled.wrappedBuffer(connected))).isEqualTo(-1);
    }

    @Test
    void shouldBuildAClientFrameAroundTheData() {
        byte[] frame = LatencyPayload.jsonFrame("{\"type\":\"event\",\"event\":\"echo\",\"dataType\":\"text\",\"data\":\"",
                99L, 64, "\"}");

        String text = new String(frame, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("{\"type\":\"event\"").endsWith("xxx\"}").contains("\"data\":\"99 x");
    }
}
