package io.hubbub.server.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes complete, unmasked server-to-client WebSocket data frames (RFC 6455 §5.2) into one buffer. Because server
 * frames are never masked, one encoded frame can be written to every receiver of a broadcast as a
 * {@code retainedDuplicate()}; Netty's frame encoder passes plain buffers through untouched.
 */
public final class FrameEncoder {

    private static final int FIN = 0x80;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;

    private FrameEncoder() {
    }

    public static ByteBuf text(ByteBufAllocator alloc, byte[] utf8) {
        return frame(alloc, OPCODE_TEXT, utf8);
    }

    public static ByteBuf binary(ByteBufAllocator alloc, byte[] bytes) {
        return frame(alloc, OPCODE_BINARY, bytes);
    }

    public static ByteBuf frame(ByteBufAllocator alloc, boolean text, byte[] payload) {
        return frame(alloc, text ? OPCODE_TEXT : OPCODE_BINARY, payload);
    }

    private static ByteBuf frame(ByteBufAllocator alloc, int opcode, byte[] payload) {
        int length = payload.length;
        ByteBuf buf = alloc.directBuffer(headerLength(length) + length);
        writeHeader(buf, opcode, length);
        buf.writeBytes(payload);
        return buf;
    }

    /** Writes the header of a final, unmasked text or binary frame whose payload has {@code length} bytes. */
    public static void writeHeader(ByteBuf buf, boolean text, int length) {
        writeHeader(buf, text ? OPCODE_TEXT : OPCODE_BINARY, length);
    }

    static int headerLength(int payloadLength) {
        return payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    private static void writeHeader(ByteBuf buf, int opcode, int length) {
        buf.writeByte(FIN | opcode);
        if (length <= 125) {
            buf.writeByte(length);
        } else if (length <= 0xFFFF) {
            buf.writeByte(126);
            buf.writeShort(length);
        } else {
            buf.writeByte(127);
            buf.writeLong(length);
        }
    }
}
