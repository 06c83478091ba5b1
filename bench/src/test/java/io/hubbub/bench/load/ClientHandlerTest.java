package io.hubbub.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientHandlerTest {

    private final Meter meter = new Meter();
    private final List<Boolean> outcomes = new ArrayList<>();

    @Test
    void shouldSettleConnectedOnTheServicesConnectedMessage() {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHandler(meter, false, outcomes::add));

        ch.writeInbound(new TextWebSocketFrame("{\"type\":\"system\",\"event\":\"connected\",\"userId\":\"u\"}"));
        ch.writeInbound(new TextWebSocketFrame("{\"type\":\"message\",\"data\":\"" + System.nanoTime() + " xx\"}"));

        assertThat(outcomes).containsExactly(true);
        assertThat(meter.delivered.sum()).isEqualTo(1);
    }

    @Test
    void shouldSpeakEngineIoOpenNamespaceConnectAndPong() {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHandler(meter, true, outcomes::add));

        ch.writeInbound(new TextWebSocketFrame("0{\"sid\":\"abc\",\"pingInterval\":25000}"));
        assertThat(text(ch.readOutbound())).isEqualTo("40");
        assertThat(outcomes).isEmpty();

        ch.writeInbound(new TextWebSocketFrame("40{\"sid\":\"def\"}"));
        assertThat(outcomes).containsExactly(true);

        ch.writeInbound(new TextWebSocketFrame("2"));
        assertThat(text(ch.readOutbound())).isEqualTo("3");

        ch.writeInbound(new TextWebSocketFrame("42[\"message\",{\"from\":\"server\",\"data\":\""
                + System.nanoTime() + " xx\"}]"));
        assertThat(meter.delivered.sum()).isEqualTo(1);
        assertThat(meter.errors.sum()).isZero();
    }

    private static String text(Object frame) {
        TextWebSocketFrame f = (TextWebSocketFrame) frame;
        try {
            return f.text();
        } finally {
            f.release();
        }
    }
}
