package io.hubbub.bench.micro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.ClientMessage;
import io.hubbub.protocol.json.JsonClientMessageDecoder;
import io.hubbub.protocol.json.MalformedMessageException;
import java.io.IOException;
import java.util.Base64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Client → service {@code sendToGroup} frames, decoded the way the gateway does for every inbound frame. */
@State(Scope.Benchmark)
public class JsonDecodeBenchmark extends AbstractMicrobenchmark {

    @Param({"text", "json", "binary"})
    public String dataType;

    @Param({"64", "2048", "16384"})
    public int size;

    private byte[] frame;

    @Setup
    public void setUp() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Payload payload = Payloads.of(dataType, size);
        ObjectNode node = mapper.createObjectNode()
                .put("type", "sendToGroup")
                .put("group", "chat-room-1")
                .put("ackId", 12345)
                .put("noEcho", false)
                .put("dataType", dataType);
        switch (dataType) {
            case "text" -> node.put("data", new String(payload.data(), java.nio.charset.StandardCharsets.UTF_8));
            case "json" -> node.set("data", mapper.readTree(payload.data()));
            default -> node.put("data", Base64.getEncoder().encodeToString(payload.data()));
        }
        frame = mapper.writeValueAsBytes(node);
    }

    @Benchmark
    public ClientMessage sendToGroup() throws MalformedMessageException {
        return JsonClientMessageDecoder.decode(frame, 0, frame.length);
    }
}
