package io.hubbub.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UTF-8 checking frame by frame, then aggregation, as Netty's validator and aggregator did as two handlers. */
class MessageAssemblerTest {

    private static final byte[] EURO = "€".getBytes(StandardCharsets.UTF_8); // three bytes
    private static final byte[] INVALID = {(byte) 0xC3, (byte) 0x28};

    private final EmbeddedChannel channel = new EmbeddedChannel(new MessageAssembler(64));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf bytes(byte[]... parts) {
        return Unpooled.wrappedBuffer(parts);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private <T extends WebSocketFrame> T readInbound(Class<T> type) {
        Object msg = channel.readInbound();
        assertThat(msg).isInstanceOf(type);
        return type.cast(msg);
    }

    /**
     * Everything writing {@code frame} raises: closing in the middle of a message also raises the aggregation's
     * premature end, and the embedded channel reports the two in no fixed order.
     */
    private List<Throwable> raisedBy(WebSocketFrame frame) {
        List<Throwable> raised = new ArrayList<>();
        for (ThrowingCallable step : List.<ThrowingCallable>of(() -> channel.writeInbound(frame),
                channel::checkException)) {
            Throwable t = catchThrowable(step);
            if (t != null) {
                raised.add(t);
                raised.addAll(List.of(t.getSuppressed()));
            }
        }
        return raised;
    }

    private void assertClosedAsNotUtf8() {
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1007);
        assertThat(close.reasonText()).isEqualTo("bytes are not UTF-8");
        close.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldPassWholeValidTextAndBinaryMessages() {
        channel.writeInbound(new TextWebSocketFrame(bytes(ascii("a"), EURO)),
                new BinaryWebSocketFrame(bytes(INVALID)));

        TextWebSocketFrame text = readInbound(TextWebSocketFrame.class);
        assertThat(text.text()).isEqualTo("a€");
        text.release();
        readInbound(BinaryWebSocketFrame.class).release();
    }

    @Test
    void shouldJoinFragmentsEvenWhenACharacterIsSplitAcrossThem() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, bytes(ascii("a"), new byte[] {EURO[0]})),
                new PingWebSocketFrame(), // control frames may come between fragments
                new ContinuationWebSocketFrame(false, 0, bytes(new byte[] {EURO[1]})),
                new ContinuationWebSocketFrame(true, 0, bytes(new byte[] {EURO[2]}, ascii("b"))));

        readInbound(PingWebSocketFrame.class).release();
        TextWebSocketFrame text = readInbound(TextWebSocketFrame.class);
        assertThat(text.isFinalFragment()).isTrue();
        assertThat(text.text()).isEqualTo("a€b");
        text.release();
    }

    @Test
    void malformedTextShouldCloseWith1007() {
        TextWebSocketFrame frame = new TextWebSocketFrame(bytes(INVALID));

        assertThatThrownBy(() -> channel.writeInbound(frame)).isInstanceOf(CorruptedWebSocketFrameException.class)
                .hasMessage("bytes are not UTF-8");

        assertClosedAsNotUtf8();
        assertThat(frame.refCnt()).isZero();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aMalformedFragmentShouldCloseBeforeTheMessageIsComplete() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, bytes(ascii("ok"))));

        assertThat(raisedBy(new ContinuationWebSocketFrame(false, 0, bytes(INVALID))))
                .hasAtLeastOneElementOfType(CorruptedWebSocketFrameException.class);

        assertClosedAsNotUtf8();
    }

    @Test
    void textEndingInsideACharacterShouldCloseWith1007() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, bytes(ascii("a"), new byte[] {EURO[0], EURO[1]})));

        assertThat(raisedBy(new ContinuationWebSocketFrame(true, 0, bytes(ascii("b")))))
                .hasAtLeastOneElementOfType(CorruptedWebSocketFrameException.class);

        assertClosedAsNotUtf8();
    }

    @Test
    void fragmentedBinaryShouldNotBeChecked() {
        channel.writeInbound(new BinaryWebSocketFrame(false, 0, bytes(new byte[] {INVALID[0]})),
                new ContinuationWebSocketFrame(true, 0, bytes(new byte[] {INVALID[1]})));

        BinaryWebSocketFrame binary = readInbound(BinaryWebSocketFrame.class);
        assertThat(binary.content().readableBytes()).isEqualTo(2);
        binary.release();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aMessageOverTheLimitShouldFailAsTooLong() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, bytes(new byte[40])));

        assertThatThrownBy(() -> channel.writeInbound(new ContinuationWebSocketFrame(true, 0, bytes(new byte[40]))))
                .isInstanceOf(TooLongFrameException.class);
    }
}
