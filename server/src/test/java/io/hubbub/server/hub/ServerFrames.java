package io.hubbub.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a server wrote to an {@link EmbeddedChannel}: raw frames pre-encoded by {@link FrameEncoder} (checked
 * byte by byte against RFC 6455 §5.2) and Netty frame objects (close, ping, pong), all as {@link Frame}s. Every message
 * read is released.
 */
public final class ServerFrames {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private ServerFrames() {
    }

    /** One frame as the client would see it. */
    public record Frame(int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            assertThat(opcode).isEqualTo(CLOSE);
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public String closeReason() {
            assertThat(opcode).isEqualTo(CLOSE);
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Frame[" + opcode + " " + (opcode == BINARY ? payload.length + " bytes" : text()) + "]";
        }
    }

    /** Every message written and flushed so far, in order. */
    public static List<Frame> drain(EmbeddedChannel channel) {
        List<Frame> frames = new ArrayList<>();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            try {
                frames.add(toFrame(msg));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return frames;
    }

    /** The text payloads of the flushed frames, which must all be text frames. */
    public static List<String> texts(EmbeddedChannel channel) {
        List<String> out = new ArrayList<>();
        for (Frame f : drain(channel)) {
            assertThat(f.opcode()).as("opcode of %s", f).isEqualTo(TEXT);
            out.add(f.text());
        }
        return out;
    }

    private static Frame toFrame(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return decode(buf);
        }
        if (msg instanceof CloseWebSocketFrame close) {
            return new Frame(CLOSE, ByteBufUtil.getBytes(close.content()));
        }
        if (msg instanceof PingWebSocketFrame ping) {
            return new Frame(PING, ByteBufUtil.getBytes(ping.content()));
        }
        if (msg instanceof PongWebSocketFrame pong) {
            return new Frame(PONG, ByteBufUtil.getBytes(pong.content()));
        }
        throw new AssertionError("unexpected outbound message " + msg);
    }

    /** Decodes one complete, unfragmented, unmasked frame that fills {@code buf} exactly. */
    static Frame decode(ByteBuf buf) {
        ByteBuf b = buf.duplicate();
        int first = b.readUnsignedByte();
        int second = b.readUnsignedByte();
        assertThat(first & 0x80).as("FIN").isEqualTo(0x80);
        assertThat(first & 0x70).as("RSV bits").isZero();
        assertThat(second & 0x80).as("server frames are not masked").isZero();
        long length = second & 0x7F;
        if (length == 126) {
            length = b.readUnsignedShort();
            assertThat(length).as("minimal 16-bit length").isGreaterThan(125);
        } else if (length == 127) {
            length = b.readLong();
            assertThat(length).as("minimal 64-bit length").isGreaterThan(0xFFFF);
        }
        assertThat((long) b.readableBytes()).as("payload length").isEqualTo(length);
        byte[] payload = new byte[(int) length];
        b.readBytes(payload);
        return new Frame(first & 0x0F, payload);
    }
}
