package io.hubbub.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.TestWebSocket.Frame;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sends of {@code @azure/web-pubsub} 1.2.0 ({@code sendToAll}, {@code group(..).sendToAll},
 * {@code sendToUser}, {@code sendToConnection}) with the payload types JS callers pass, {@code excludedConnections}
 * and {@code filter}, as JSON and simple receivers observe them.
 */
class JsServerSdkSendIT extends JsFixture {

    private static final byte[] BYTES = {1, 2, 3, (byte) 0xff, 0};

    @Test
    void textWithTextContentTypeArrivesAsText() {
        Peer json = peer("u1");
        TestWebSocket simple = simplePeer("u2");

        service.invoke("sendToAll", "héllo wörld", TEXT);

        JsonNode message = json.next();
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("from").asText()).isEqualTo("server");
        assertThat(message.path("dataType").asText()).isEqualTo("text");
        assertThat(message.path("data").asText()).isEqualTo("héllo wörld");
        assertThat(message.has("sequenceId")).isFalse();
        assertThat(simple.nextText()).isEqualTo("héllo wörld");
    }

    @Test
    void objectsArriveAsJson() {
        Peer json = peer("u1");
        TestWebSocket simple = simplePeer("u2");

        service.invoke("sendToAll", Map.of("a", 1, "b", List.of(true, "x")));

        JsonNode message = json.next();
        assertThat(message.path("dataType").asText()).isEqualTo("json");
        assertThat(message.path("data").path("a").asInt()).isEqualTo(1);
        assertThat(message.path("data").path("b").get(0).asBoolean()).isTrue();
        assertThat(message.path("data").path("b").get(1).asText()).isEqualTo("x");
        assertThat(simple.nextText()).isIn("{\"a\":1,\"b\":[true,\"x\"]}", "{\"b\":[true,\"x\"],\"a\":1}");
    }

    @Test
    void aStringWithoutContentTypeIsSentAsAJsonStringLiteral() {
        Peer json = peer("u1");
        TestWebSocket simple = simplePeer("u2");

        service.invoke("sendToAll", "{\"not\":\"parsed\"}");
        JsonNode message = json.next();
        assertThat(message.path("dataType").asText()).isEqualTo("json");
        assertThat(message.path("data").isTextual()).as("data of %s", message).isTrue();
        assertThat(message.path("data").asText()).isEqualTo("{\"not\":\"parsed\"}");
        assertThat(simple.nextText()).isEqualTo("\"{\\\"not\\\":\\\"parsed\\\"}\"");

        service.invoke("sendToAll", 42);
        JsonNode number = json.next();
        assertThat(number.path("dataType").asText()).isEqualTo("json");
        assertThat(number.path("data").isNumber()).isTrue();
        assertThat(number.path("data").asInt()).isEqualTo(42);
        assertThat(simple.nextText()).isEqualTo("42");
    }

    @Test
    void buffersTypedArraysAndArrayBuffersArriveAsBinary() {
        Peer json = peer("u1");
        TestWebSocket simple = simplePeer("u2");

        for (String jsType : List.of("Buffer", "Uint8Array", "ArrayBuffer")) {
            service.invoke("sendToAll", binary(BYTES, jsType));

            JsonNode message = json.next();
            assertThat(message.path("dataType").asText()).as(jsType).isEqualTo("binary");
            assertThat(Base64.getDecoder().decode(message.path("data").asText())).as(jsType).isEqualTo(BYTES);
            Frame frame = simple.next();
            assertThat(frame.text()).as(jsType).isFalse();
            assertThat(frame.binaryData()).as(jsType).isEqualTo(BYTES);
        }
    }

    @Test
    void sendToAllSkipsExcludedConnections() {
        Peer a = peer("alice");
        Peer b = peer("bob");
        Peer c = peer("carol");

        service.invoke("sendToAll", "not for a or b", Map.of("contentType", "text/plain",
                "excludedConnections", List.of(a.id(), b.id())));

        assertThat(c.next().path("data").asText()).isEqualTo("not for a or b");
        assertNothingBeforeMarker(a, b, c);
    }

    @Test
    void sendToAllAppliesTheFilter() {
        Peer alice = peer("alice");
        Peer bob = peer("bob");
        Peer anonymous = peer(null);

        service.invoke("sendToAll", "not for bob", Map.of("contentType", "text/plain", "filter", "userId ne 'bob'"));
        assertThat(alice.next().path("data").asText()).isEqualTo("not for bob");
        assertThat(anonymous.next().path("data").asText()).isEqualTo("not for bob");

        service.invoke("sendToAll", "anonymous only", Map.of("contentType", "text/plain", "filter", "userId eq null"));
        assertThat(anonymous.next().path("data").asText()).isEqualTo("anonymous only");

        assertNothingBeforeMarker(alice, bob, anonymous);
    }

    @Test
    void filterBuiltWithTheSdksOdataHelperMatchesAUserIdWithAQuote() {
        Peer vic = peer("vic's");
        Peer other = peer("vic");

        // odata`userId eq ${"vic's"}` renders userId eq 'vic''s'
        Map<String, Object> filter = Map.of("$odata", List.of("userId eq ", ""), "values", List.of("vic's"));
        service.invoke("sendToAll", "for vic's", Map.of("contentType", "text/plain", "filter", filter));

        assertThat(vic.next().path("data").asText()).isEqualTo("for vic's");
        assertNothingBeforeMarker(vic, other);
    }

    @Test
    void anInvalidFilterIsABadRequest() {
        assertThatThrownBy(() -> service.invoke("sendToAll", "x",
                Map.of("contentType", "text/plain", "filter", "userId eq")))
                .isInstanceOfSatisfying(JsError.class, e -> {
                    assertThat(e.name()).isEqualTo("RestError");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("Error.BadRequest");
                    assertThat(e.errorCodeHeader()).isEqualTo("Error.BadRequest");
                    assertThat(e.jsMessage()).as("the body's message naming the problem").isNotBlank();
                });
    }

    @Test
    void messageTtlIsAcceptedAndFreshMessagesArrive() {
        Peer json = peer("u1");
        service.invoke("sendToAll", "fresh", Map.of("contentType", "text/plain", "messageTtlSeconds", 30));
        assertThat(json.next().path("data").asText()).isEqualTo("fresh");
    }

    @Test
    void groupSendToAllReachesMembersOnly() {
        Peer member = peer("m");
        Peer other = peer("o");
        TestWebSocket simpleMember = simplePeer("s");
        JsServiceClient group = service.group("grp #1/ä");
        group.invoke("addConnection", member.id());
        group.invoke("addUser", "s");

        group.invoke("sendToAll", "to the group", TEXT);
        JsonNode message = member.next();
        assertThat(message.path("from").asText()).isEqualTo("server");
        assertThat(message.path("dataType").asText()).isEqualTo("text");
        assertThat(message.path("data").asText()).isEqualTo("to the group");
        assertThat(simpleMember.nextText()).isEqualTo("to the group");

        group.invoke("sendToAll", Map.of("k", "v"));
        assertThat(member.next().path("data").path("k").asText()).isEqualTo("v");
        assertThat(simpleMember.nextText()).isEqualTo("{\"k\":\"v\"}");

        group.invoke("sendToAll", binary(BYTES, "Buffer"));
        assertThat(Base64.getDecoder().decode(member.next().path("data").asText())).isEqualTo(BYTES);
        assertThat(simpleMember.next().binaryData()).isEqualTo(BYTES);

        assertNothingBeforeMarker(other);
    }

    @Test
    void groupSendToAllHonoursExcludedConnectionsAndFilter() {
        Peer a = peer("a");
        Peer b = peer("b");
        JsServiceClient group = service.group("g");
        group.invoke("addConnection", a.id());
        group.invoke("addConnection", b.id());

        group.invoke("sendToAll", "x", Map.of("contentType", "text/plain", "excludedConnections", List.of(a.id())));
        assertThat(b.next().path("data").asText()).isEqualTo("x");

        group.invoke("sendToAll", "y", Map.of("contentType", "text/plain", "filter", "userId eq 'a'"));
        assertThat(a.next().path("data").asText()).isEqualTo("y");

        assertNothingBeforeMarker(a, b);
    }

    @Test
    void sendToUserReachesEveryConnectionOfThatUserEvenWithSlashQuestionMarkAndSpace() {
        String user = "user a/b?c";
        Peer first = peer(user);
        Peer second = peer(user);
        Peer other = peer("user a");

        service.invoke("sendToUser", user, "just you", TEXT);
        assertThat(first.next().path("data").asText()).isEqualTo("just you");
        assertThat(second.next().path("data").asText()).isEqualTo("just you");

        service.invoke("sendToUser", user, Map.of("n", 1));
        assertThat(first.next().path("data").path("n").asInt()).isEqualTo(1);
        assertThat(second.next().path("data").path("n").asInt()).isEqualTo(1);

        service.invoke("sendToUser", user, "filtered",
                Map.of("contentType", "text/plain", "filter", "connectionId eq '" + second.id() + "'"));
        assertThat(second.next().path("data").asText()).isEqualTo("filtered");

        assertNothingBeforeMarker(first, second, other);
    }

    @Test
    void sendToConnectionReachesThatConnectionOnly() {
        Peer target = peer("t");
        Peer sameUser = peer("t");

        service.invoke("sendToConnection", target.id(), "direct", TEXT);
        assertThat(target.next().path("data").asText()).isEqualTo("direct");

        service.invoke("sendToConnection", target.id(), List.of(1, 2));
        JsonNode json = target.next();
        assertThat(json.path("dataType").asText()).isEqualTo("json");
        assertThat(json.path("data").isArray()).isTrue();

        service.invoke("sendToConnection", target.id(), binary(BYTES, "Uint8Array"));
        JsonNode bin = target.next();
        assertThat(bin.path("dataType").asText()).isEqualTo("binary");
        assertThat(Base64.getDecoder().decode(bin.path("data").asText())).isEqualTo(BYTES);

        assertNothingBeforeMarker(sameUser);
    }

    @Test
    void sendsToNobodySucceed() {
        service.group("empty").invoke("sendToAll", "nobody", TEXT);
        service.invoke("sendToUser", "ghost", "nobody", TEXT);
        service.invoke("sendToConnection", "no-such-connection", "nobody", TEXT);
        service.invoke("sendToAll", "nobody", TEXT);
    }

    @Test
    void emptyPayloadsArriveEmpty() {
        Peer json = peer("u1");
        TestWebSocket simple = simplePeer("u2");

        service.invoke("sendToAll", "", TEXT);
        JsonNode text = json.next();
        assertThat(text.path("dataType").asText()).isEqualTo("text");
        assertThat(text.path("data").isTextual()).as("%s", text).isTrue();
        assertThat(text.path("data").asText()).isEmpty();
        assertThat(simple.nextText()).isEmpty();

        service.invoke("sendToAll", binary(new byte[0], "Buffer"));
        JsonNode bin = json.next();
        assertThat(bin.path("dataType").asText()).isEqualTo("binary");
        assertThat(bin.path("data").asText()).as("%s", bin).isEmpty();
        Frame frame = simple.next();
        assertThat(frame.text()).isFalse();
        assertThat(frame.binaryData()).isEmpty();
    }

    @Test
    void jsonNullArrivesAsNull() {
        Peer json = peer("u1");
        TestWebSocket simple = simplePeer("u2");

        service.invoke("sendToAll", (Object) null);

        JsonNode message = json.next();
        assertThat(message.path("dataType").asText()).isEqualTo("json");
        assertThat(message.has("data")).as("%s", message).isTrue();
        assertThat(message.path("data").isNull()).as("%s", message).isTrue();
        assertThat(simple.nextText()).isEqualTo("null");
    }

    @Test
    void sequentialSendsArriveInOrder() {
        Peer json = peer("u1");
        for (int i = 0; i < 20; i++) {
            service.invoke(i % 2 == 0 ? "sendToAll" : "sendToConnection",
                    i % 2 == 0 ? new Object[] {"m" + i, TEXT} : new Object[] {json.id(), "m" + i, TEXT});
        }
        for (int i = 0; i < 20; i++) {
            assertThat(json.next().path("data").asText()).isEqualTo("m" + i);
        }
    }

    @Test
    void aBodyOverTheSizeLimitIsRejected() {
        Peer json = peer("u1");
        assertThatThrownBy(() -> service.invoke("sendToAll", "x".repeat(1024 * 1024 + 1), TEXT))
                .isInstanceOfSatisfying(JsError.class, e -> assertThat(e.status()).isEqualTo(413));
        assertNothingBeforeMarker(json);
    }
}
