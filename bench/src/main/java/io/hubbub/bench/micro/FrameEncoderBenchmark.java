package io.hubbub.bench.micro;

import io.hubbub.server.hub.FrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-receiver cost of a server frame: building one (header + copy into a pooled direct buffer, what a server
 * that frames per connection pays) versus handing out a {@code retainedDuplicate()} of a pre-encoded one (Hubbub).
 */
@State(Scope.Benchmark)
public class FrameEncoderBenchmark extends AbstractMicrobenchmark {

    @Param({"64", "2048", "16384"})
    public int size;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private byte[] message;
    private ByteBuf shared;

    @Setup
    public void setUp() {
        message = Payloads.text(size).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        shared = FrameEncoder.text(alloc, message);
    }

    @TearDown
    public void tearDown() {
        shared.release();
    }

    @Benchmark
    public int encodeFrame() {
        ByteBuf frame = FrameEncoder.text(alloc, message);
        int n = frame.readableBytes();
        frame.release();
        return n;
    }

    @Benchmark
    public int retainedDuplicate() {
        ByteBuf frame = shared.retainedDuplicate();
        int n = frame.readableBytes();
        frame.release();
        return n;
    }
}
