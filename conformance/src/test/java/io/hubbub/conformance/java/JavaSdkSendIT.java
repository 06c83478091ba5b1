package io.hubbub.conformance.java;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.rest.RequestOptions;
import com.azure.core.util.BinaryData;
import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestWebSocket.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The SDK's four sends, with content types, {@code excluded} and {@code filter}, as receivers observe them. */
class JavaSdkSendIT extends JavaSdkFixture {

    private static final WebPubSubContentType TEXT = WebPubSubContentType.TEXT_PLAIN;

    private static BinaryData text(String s) {
        return BinaryData.fromString(s);
    }

    private static long len(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void sendToAllReachesEveryClientInTheRepresentationOfItsKind() {
        Client json = jsonClient("u1");
        Client simple = simpleClient("u2");

        service.sendToAll("{\"a\":1}", WebPubSubContentType.APPLICATION_JSON);
        JsonNode message = json.next();
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("from").asText()).isEqualTo("server");
        assertThat(message.path("dataType").asText()).isEqualTo("json");
        assertThat(message.path("data").path("a").asInt()).isEqualTo(1);
        assertThat(message.has("sequenceId")).isFalse();
        assertThat(simple.ws().nextText()).isEqualTo("{\"a\":1}");

        service.sendToAll("hello", WebPubSubContentType.TEXT_PLAIN);
        JsonNode text = json.next();
        assertThat(text.path("dataType").asText()).isEqualTo("text");
        assertThat(text.path("data").asText()).isEqualTo("hello");
        assertThat(simple.ws().nextText()).isEqualTo("hello");

        byte[] bytes = {1, 2, 3, (byte) 0xff};
        service.sendToAllWithResponse(BinaryData.fromBytes(bytes), WebPubSubContentType.APPLICATION_OCTET_STREAM, 4,
                new RequestOptions());
        JsonNode binary = json.next();
        assertThat(binary.path("dataType").asText()).isEqualTo("binary");
        assertThat(Base64.getDecoder().decode(binary.path("data").asText())).isEqualTo(bytes);
        Frame frame = simple.ws().next();
        assertThat(frame.text()).isFalse();
        assertThat(frame.binaryData()).isEqualTo(bytes);
    }

    @Test
    void sendToAllSkipsExcludedConnectionsAndAppliesTheFilter() {
        Client a = jsonClient("alice");
        Client b = jsonClient("bob");
        Client c = jsonClient("carol");

        RequestOptions excluded = new RequestOptions().addQueryParam("excluded", a.id())
                .addQueryParam("excluded", b.id());
        service.sendToAllWithResponse(text("not for a or b"), TEXT, len("not for a or b"), excluded);
        assertThat(c.next().path("data").asText()).isEqualTo("not for a or b");

        RequestOptions filtered = new RequestOptions().addQueryParam("filter", "userId ne 'bob'");
        service.sendToAllWithResponse(text("not for bob"), TEXT, len("not for bob"), filtered);
        assertThat(a.next().path("data").asText()).isEqualTo("not for bob");
        assertThat(c.next().path("data").asText()).isEqualTo("not for bob");

        assertNothingBeforeMarker(a, b, c);
    }

    @Test
    void sendToGroupReachesMembersOnly() {
        Client member = jsonClient("m");
        Client other = jsonClient("o");
        Client simpleMember = simpleClient("s");
        service.addUserToGroupWithResponse("grp #1", "m", new RequestOptions());
        service.addUserToGroupWithResponse("grp #1", "s", new RequestOptions());

        service.sendToGroup("grp #1", "to the group", WebPubSubContentType.TEXT_PLAIN);
        JsonNode message = member.next();
        assertThat(message.path("from").asText()).isEqualTo("server");
        assertThat(message.path("data").asText()).isEqualTo("to the group");
        assertThat(simpleMember.ws().nextText()).isEqualTo("to the group");

        assertNothingBeforeMarker(other);
    }

    @Test
    void sendToGroupHonoursExcludedAndFilter() {
        Client a = jsonClient("a");
        Client b = jsonClient("b");
        service.addConnectionToGroupWithResponse("g", a.id(), new RequestOptions());
        service.addConnectionToGroupWithResponse("g", b.id(), new RequestOptions());

        service.sendToGroupWithResponse("g", text("x"), TEXT, 1,
                new RequestOptions().addQueryParam("excluded", a.id()));
        assertThat(b.next().path("data").asText()).isEqualTo("x");

        service.sendToGroupWithResponse("g", text("y"), TEXT, 1,
                new RequestOptions().addQueryParam("filter", "connectionId eq '" + a.id() + "'"));
        assertThat(a.next().path("data").asText()).isEqualTo("y");

        assertNothingBeforeMarker(a, b);
    }

    @Test
    void sendToUserReachesEveryConnectionOfThatUserEvenWithSpecialCharacters() {
        String user = "user a/b?c";
        Client first = jsonClient(user);
        Client second = jsonClient(user);
        Client other = jsonClient("someone else");

        service.sendToUser(user, "just you", WebPubSubContentType.TEXT_PLAIN);
        assertThat(first.next().path("data").asText()).isEqualTo("just you");
        assertThat(second.next().path("data").asText()).isEqualTo("just you");

        service.sendToUserWithResponse(user, text("filtered"), TEXT, len("filtered"),
                new RequestOptions().addQueryParam("filter", "connectionId eq '" + second.id() + "'"));
        assertThat(second.next().path("data").asText()).isEqualTo("filtered");

        assertNothingBeforeMarker(first, second, other);
    }

    @Test
    void sendToConnectionReachesThatConnectionOnly() {
        Client target = jsonClient("t");
        Client other = jsonClient("t");

        service.sendToConnection(target.id(), "direct", WebPubSubContentType.TEXT_PLAIN);
        assertThat(target.next().path("data").asText()).isEqualTo("direct");
        service.sendToConnectionWithResponse(target.id(), BinaryData.fromBytes("bin".getBytes(StandardCharsets.UTF_8)),
                WebPubSubContentType.APPLICATION_OCTET_STREAM, 3, new RequestOptions());
        assertThat(target.next().path("dataType").asText()).isEqualTo("binary");

        assertNothingBeforeMarker(other);
    }

    @Test
    void sendsToNobodyAreAccepted() {
        service.sendToGroup("empty", "nobody", WebPubSubContentType.TEXT_PLAIN);
        service.sendToUser("ghost", "nobody", WebPubSubContentType.TEXT_PLAIN);
        service.sendToConnection("no-such-connection", "nobody", WebPubSubContentType.TEXT_PLAIN);
        service.sendToAll("nobody", WebPubSubContentType.TEXT_PLAIN);
    }

    @Test
    void jsonStringSentAsJsonArrivesAsThatString() {
        Client json = jsonClient("u");
        // What Python and JS send for a pre-serialized string: the JSON string literal, passed through unchanged.
        service.sendToAll("\"{\\\"text\\\":\\\"hi\\\"}\"", WebPubSubContentType.APPLICATION_JSON);
        JsonNode message = json.next();
        assertThat(message.path("dataType").asText()).isEqualTo("json");
        assertThat(message.path("data").isTextual()).isTrue();
        assertThat(message.path("data").asText()).isEqualTo("{\"text\":\"hi\"}");
    }
}
