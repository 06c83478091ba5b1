package io.hubbub.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ByteProcessor;

/**
 * Joins a client's fragmented messages up to the size limit, and checks text for UTF-8 frame by frame before that,
 * exactly as Netty's {@code Utf8FrameValidator} in front of its {@code WebSocketFrameAggregator} would: malformed
 * text is answered with close 1007 "bytes are not UTF-8" as soon as its frame arrives, then raised as a
 * {@link CorruptedWebSocketFrameException}. One handler instead of two because each handler in a pipeline costs a
 * context object per socket, and the UTF-8 state is an {@code int} rather than a validator object.
 */
final class MessageAssembler extends WebSocketFrameAggregator implements ByteProcessor {

    private static final String NOT_UTF8 = "bytes are not UTF-8";

    /** Frames of the fragmented message in progress so far. */
    private int fragments;
    /** True while the message in progress is text that is being checked. */
    private boolean checking;
    private int utf8 = Utf8State.ACCEPT;

    MessageAssembler(int maxMessageBytes) {
        super(maxMessageBytes);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof WebSocketFrame frame) {
            try {
                checkText(frame);
            } catch (CorruptedWebSocketFrameException e) {
                frame.release();
                if (ctx.channel().isOpen()) {
                    ctx.writeAndFlush(new CloseWebSocketFrame(e.closeStatus().code(), e.getMessage()))
                            .addListener(ChannelFutureListener.CLOSE);
                }
                throw e;
            }
        }
        super.channelRead(ctx, msg);
    }

    /** Control frames may come between fragments and are never checked; binary messages are not either. */
    private void checkText(WebSocketFrame frame) {
        if (frame.isFinalFragment()) {
            if (!isControl(frame)) {
                fragments = 0;
                if (frame instanceof TextWebSocketFrame || checking) {
                    check(frame.content());
                    finish();
                }
            }
        } else {
            if (fragments == 0 ? frame instanceof TextWebSocketFrame : checking) {
                check(frame.content());
            }
            fragments++;
        }
    }

    private void check(ByteBuf content) {
        checking = true;
        content.forEachByte(this);
        if (utf8 == Utf8State.REJECT) {
            checking = false;
            throw notUtf8();
        }
    }

    /** The message is complete: it must not end inside a character. */
    private void finish() {
        checking = false;
        if (utf8 != Utf8State.ACCEPT) {
            utf8 = Utf8State.ACCEPT;
            throw notUtf8();
        }
    }

    @Override
    public boolean process(byte value) {
        utf8 = Utf8State.next(utf8, value);
        return utf8 != Utf8State.REJECT;
    }

    private static boolean isControl(WebSocketFrame frame) {
        return frame instanceof CloseWebSocketFrame || frame instanceof PingWebSocketFrame
                || frame instanceof PongWebSocketFrame;
    }

    private static CorruptedWebSocketFrameException notUtf8() {
        return new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, NOT_UTF8);
    }
}
