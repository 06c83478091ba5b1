package io.hubbub.bench.micro;

import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.ClientProtocol;
import io.hubbub.server.hub.FrameEncoder;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.hub.OutboundMessage;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.hubbub.server.hub.permission.Roles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One group message fanned out to {@code connections} JSON-subprotocol receivers on one event loop, through the real
 * pipeline of no-op channels ({@link SinkChannel}). Divide a result by {@code connections} for the cost per delivery.
 * <ul>
 *   <li>{@code hubPublish}: the current code, {@code LocalHub.publish} of a shared pre-encoded frame, one flush per
 *       channel per burst;</li>
 *   <li>{@code sharedFrame}: the same idea without the hub (encode once, {@code retainedDuplicate()} per channel):
 *       what the hub's own bookkeeping costs on top;</li>
 *   <li>{@code framePerConnection}: JSON encoded once, the WebSocket frame built per receiver (a per-socket framing
 *       server such as {@code ws});</li>
 *   <li>{@code jsonAndFramePerConnection}: everything encoded per receiver.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BroadcastBenchmark extends AbstractMicrobenchmark {

    private static final String HUB = "bench";
    private static final String GROUP = "chat-room-1";
    private static final String FROM = "user-0";

    @Param({"1000", "10000"})
    public int connections;

    @Param({"64", "2048", "16384"})
    public int size;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final List<ClientConnection> receivers = new ArrayList<>();
    private SinkChannel loopOwner;
    private LocalHub hub;
    private Payload payload;

    @Setup
    public void setUp() {
        payload = Payloads.of("text", size);
        loopOwner = new SinkChannel();
        hub = new LocalHub(loopOwner.eventLoop());
        for (int i = 0; i < connections; i++) {
            Channel ch = i == 0 ? loopOwner : new SinkChannel(loopOwner.eventLoop());
            ClientConnection c = new ClientConnection("conn-" + i, HUB, "user-" + i, ClientProtocol.JSON, ch,
                    Roles.of(List.of()), null, ClientProtocol.JSON.subprotocol(), null);
            hub.register(c);
            receivers.add(c);
        }
    }

    @TearDown
    public void tearDown() {
        for (ClientConnection c : receivers) {
            c.channel().close();
        }
        loopOwner.runPendingTasks();
    }

    @Benchmark
    public void hubPublish() {
        hub.publish(HUB, Target.ALL, OutboundMessage.toGroup(GROUP, FROM, payload, alloc), Selector.EVERYONE);
        loopOwner.runPendingTasks();
    }

    @Benchmark
    public void sharedFrame() {
        ByteBuf frame = FrameEncoder.text(alloc, JsonServerMessageEncoder.groupMessage(GROUP, FROM, payload, null));
        for (ClientConnection c : receivers) {
            Channel ch = c.channel();
            ch.write(frame.retainedDuplicate(), ch.voidPromise());
        }
        flushAll();
        frame.release();
    }

    @Benchmark
    public void framePerConnection() {
        byte[] json = JsonServerMessageEncoder.groupMessage(GROUP, FROM, payload, null);
        for (ClientConnection c : receivers) {
            Channel ch = c.channel();
            ch.write(FrameEncoder.text(alloc, json), ch.voidPromise());
        }
        flushAll();
    }

    @Benchmark
    public void jsonAndFramePerConnection() {
        for (ClientConnection c : receivers) {
            Channel ch = c.channel();
            byte[] json = JsonServerMessageEncoder.groupMessage(GROUP, FROM, payload, null);
            ch.write(FrameEncoder.text(alloc, json), ch.voidPromise());
        }
        flushAll();
    }

    private void flushAll() {
        for (ClientConnection c : receivers) {
            c.channel().flush();
        }
    }
}
