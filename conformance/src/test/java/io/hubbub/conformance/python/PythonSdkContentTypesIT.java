package io.hubbub.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestWebSocket.Frame;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Messages the Python SDK sends as text, JSON and bytes, as JSON and simple receivers observe them (PROTOCOL.md
 * §4.4), including its quirks: it JSON-encodes whatever it is given as {@code application/json}, pre-serialized
 * strings too, and uses that content type when none is named.
 */
class PythonSdkContentTypesIT extends PythonSdkFixture {

    @Test
    void textReachesJsonClientsAsTextAndSimpleClientsAsATextFrame() {
        Client json = jsonClient("u1");
        Client simple = simpleClient("u2");

        sdk("send_to_all", "message", text("hello"));

        JsonNode message = json.next();
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("from").asText()).isEqualTo("server");
        assertThat(message.path("dataType").asText()).isEqualTo("text");
        assertThat(message.path("data").asText()).isEqualTo("hello");
        assertThat(message.has("sequenceId")).as("no sequenceId on a non-reliable protocol").isFalse();
        assertThat(simple.ws().nextText()).isEqualTo("hello");
    }

    @Test
    void nonAsciiTextPassedAsUtf8BytesArrivesIntact() {
        Client json = jsonClient("u1");
        Client simple = simpleClient("u2");

        sdk("send_to_all", "message", Map.of("text", "h\u00e9llo \u2713 \uD83D\uDE00", "utf8", true));

        JsonNode message = json.next();
        assertThat(message.path("dataType").asText()).isEqualTo("text");
        assertThat(message.path("data").asText()).isEqualTo("h\u00e9llo \u2713 \uD83D\uDE00");
        assertThat(simple.ws().nextText()).isEqualTo("h\u00e9llo \u2713 \uD83D\uDE00");
    }

    @Test
    void jsonValueReachesJsonClientsParsedAndSimpleClientsAsTheRawBody() {
        Client json = jsonClient("u1");
        Client simple = simpleClient("u2");

        Map<String, Object> value = new LinkedHashMap<>(); // ordered, so the raw body is predictable
        value.put("a", 1);
        value.put("b", List.of(true, "\u00e9"));
        sdk("send_to_all", "message", json(value));

        JsonNode message = json.next();
        assertThat(message.path("from").asText()).isEqualTo("server");
        assertThat(message.path("dataType").asText()).isEqualTo("json");
        assertThat(message.path("data").path("a").asInt()).isEqualTo(1);
        assertThat(message.path("data").path("b").get(0).asBoolean()).isTrue();
        assertThat(message.path("data").path("b").get(1).asText()).isEqualTo("\u00e9");
        // the body exactly as Python's json.dumps wrote it: not normalised on the way through
        assertThat(simple.ws().nextText()).isEqualTo("{\"a\": 1, \"b\": [true, \"\\u00e9\"]}");
    }

    @Test
    void preSerializedJsonStringIsEncodedAgainAndArrivesAsThatString() {
        Client json = jsonClient("u1");
        Client simple = simpleClient("u2");
        String serialized = "{\"from\": \"u1\", \"text\": \"hello\"}"; // what json.dumps({...}) gives an app

        sdk("send_to_all", "message", json(serialized));

        JsonNode message = json.next();
        assertThat(message.path("dataType").asText()).isEqualTo("json");
        assertThat(message.path("data").isTextual()).as("data is a JSON string: %s", message).isTrue();
        assertThat(message.path("data").asText()).isEqualTo(serialized);
        assertThat(simple.ws().nextText()).isEqualTo("\"{\\\"from\\\": \\\"u1\\\", \\\"text\\\": \\\"hello\\\"}\"");
    }

    @Test
    void withoutContentTypeTheSdkSendsJson() {
        Client json = jsonClient("u1");
        Client simple = simpleClient("u2");

        sdk("send_to_all", "message", noContentType("plain words"));

        JsonNode message = json.next();
        assertThat(message.path("dataType").asText()).isEqualTo("json");
        assertThat(message.path("data").asText()).isEqualTo("plain words");
        assertThat(simple.ws().nextText()).isEqualTo("\"plain words\"");
    }

    @Test
    void contentTypeParametersAreIgnoredAndJsonScalarsPassThrough() {
        Client json = jsonClient("u1");
        Client simple = simpleClient("u2");

        sdk("send_to_all", "message", Map.of("text", "with charset", "content_type", "text/plain; charset=utf-8"));
        JsonNode text = json.next();
        assertThat(text.path("dataType").asText()).isEqualTo("text");
        assertThat(text.path("data").asText()).isEqualTo("with charset");
        assertThat(simple.ws().nextText()).isEqualTo("with charset");

        sdk("send_to_all", "message", Map.of("json", List.of("x"), "content_type", "application/json; charset=utf-8"));
        JsonNode array = json.next();
        assertThat(array.path("dataType").asText()).isEqualTo("json");
        assertThat(array.path("data").toString()).isEqualTo("[\"x\"]");
        assertThat(simple.ws().nextText()).isEqualTo("[\"x\"]");

        for (Object scalar : List.of(false, 0, 2.5)) {
            sdk("send_to_all", "message", json(scalar));
            JsonNode message = json.next();
            assertThat(message.path("dataType").asText()).isEqualTo("json");
            assertThat(message.path("data").toString()).isEqualTo(String.valueOf(scalar));
            assertThat(simple.ws().nextText()).isEqualTo(String.valueOf(scalar));
        }
    }

    @Test
    void bytesReachJsonClientsAsBase64AndSimpleClientsAsABinaryFrame() {
        Client json = jsonClient("u1");
        Client simple = simpleClient("u2");
        byte[] bytes = {0, 1, 2, (byte) 0x80, (byte) 0xff};

        sdk("send_to_all", "message", binary(bytes));

        JsonNode message = json.next();
        assertThat(message.path("from").asText()).isEqualTo("server");
        assertThat(message.path("dataType").asText()).isEqualTo("binary");
        assertThat(Base64.getDecoder().decode(message.path("data").asText())).isEqualTo(bytes);
        Frame frame = simple.ws().next();
        assertThat(frame.text()).isFalse();
        assertThat(frame.binaryData()).isEqualTo(bytes);
    }

    @Test
    void emptyMessagesArriveEmpty() {
        Client json = jsonClient("u1");
        Client simple = simpleClient("u2");

        sdk("send_to_all", "message", text(""));
        JsonNode message = json.next();
        assertThat(message.path("dataType").asText()).isEqualTo("text");
        assertThat(message.path("data").isTextual()).as("%s", message).isTrue();
        assertThat(message.path("data").asText()).isEmpty();
        assertThat(simple.ws().nextText()).isEmpty();

        sdk("send_to_all", "message", binary(new byte[0]));
        JsonNode bytes = json.next();
        assertThat(bytes.path("dataType").asText()).isEqualTo("binary");
        assertThat(bytes.path("data").asText()).isEmpty();
        assertThat(simple.ws().next().binaryData()).isEmpty();
    }
}
