package io.hubbub.bench.micro;

import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.JsonServerMessageEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Service → client JSON messages ({@code json.webpubsub.azure.v1}): the one encode per broadcast. */
@State(Scope.Benchmark)
public class JsonEncodeBenchmark extends AbstractMicrobenchmark {

    @Param({"text", "json", "binary"})
    public String dataType;

    @Param({"64", "2048", "16384"})
    public int size;

    private Payload payload;

    @Setup
    public void setUp() {
        payload = Payloads.of(dataType, size);
    }

    @Benchmark
    public byte[] groupMessage() {
        return JsonServerMessageEncoder.groupMessage("chat-room-1", "user-42", payload, null);
    }

    @Benchmark
    public byte[] serverMessage() {
        return JsonServerMessageEncoder.serverMessage(payload, null);
    }
}
