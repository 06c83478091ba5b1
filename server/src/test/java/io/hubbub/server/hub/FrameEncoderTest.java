package io.hubbub.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameEncoderTest {

    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

    private static byte[] payload(int length) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) ('a' + i % 26);
        }
        return p;
    }

    private static byte[] bytes(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] header(int... unsignedBytes) {
        byte[] h = new byte[unsignedBytes.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = (byte) unsignedBytes[i];
        }
        return h;
    }

    @ParameterizedTest(name = "length {0}")
    @CsvSource(delimiter = '|', value = {
            "0     | 81 00",
            "1     | 81 01",
            "125   | 81 7d",
            "126   | 81 7e 00 7e",
            "65535 | 81 7e ff ff",
            "65536 | 81 7f 00 00 00 00 00 01 00 00",
    })
    void shouldWriteTheShortestLengthEncodingWithFinAndTextOpcode(int length, String expectedHeaderHex) {
        byte[] expectedHeader = ByteBufUtil.decodeHexDump(expectedHeaderHex.replace(" ", ""));
        byte[] p = payload(length);

        byte[] frame = bytes(FrameEncoder.text(ALLOC, p));

        assertThat(frame).hasSize(expectedHeader.length + length);
        assertThat(Arrays.copyOfRange(frame, 0, expectedHeader.length)).isEqualTo(expectedHeader);
        assertThat(Arrays.copyOfRange(frame, expectedHeader.length, frame.length)).isEqualTo(p);
    }

    @Test
    void shouldUseTheBinaryOpcodeForBinaryFrames() {
        assertThat(bytes(FrameEncoder.binary(ALLOC, new byte[] {1, 2, 3})))
                .containsExactly(header(0x82, 0x03, 0x01, 0x02, 0x03));
        assertThat(bytes(FrameEncoder.frame(ALLOC, false, new byte[0]))).containsExactly(header(0x82, 0x00));
        assertThat(bytes(FrameEncoder.frame(ALLOC, true, new byte[0]))).containsExactly(header(0x81, 0x00));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 125, 126, 65535, 65536, 70000})
    void framesShouldDecodeWithNettysClientSideDecoder(int length) {
        // a client decoder: it rejects masked frames from a server, and checks the length encoding
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
        byte[] p = payload(length);

        client.writeInbound(FrameEncoder.text(ALLOC, p), FrameEncoder.binary(ALLOC, p));

        WebSocketFrame text = client.readInbound();
        WebSocketFrame binary = client.readInbound();
        try {
            assertThat(text).isInstanceOf(TextWebSocketFrame.class);
            assertThat(text.isFinalFragment()).isTrue();
            assertThat(ByteBufUtil.getBytes(text.content())).isEqualTo(p);
            assertThat(binary).isInstanceOf(BinaryWebSocketFrame.class);
            assertThat(ByteBufUtil.getBytes(binary.content())).isEqualTo(p);
        } finally {
            text.release();
            binary.release();
            client.finishAndReleaseAll();
        }
    }

    @Test
    void shouldCountUtf8BytesNotCharacters() {
        byte[] utf8 = "é".repeat(63).getBytes(StandardCharsets.UTF_8); // 63 chars, 126 bytes

        assertThat(Arrays.copyOfRange(bytes(FrameEncoder.text(ALLOC, utf8)), 0, 4))
                .containsExactly(header(0x81, 0x7e, 0x00, 0x7e));
    }
}
