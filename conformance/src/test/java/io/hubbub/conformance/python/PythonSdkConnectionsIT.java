package io.hubbub.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestWebSocket.CloseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Existence checks ({@code connection_exists}, {@code user_exists}) and the four closes through the Python SDK: the
 * {@code reason} reaches the client's {@code disconnected} message and close frame, {@code excluded} connections stay.
 */
class PythonSdkConnectionsIT extends PythonSdkFixture {

    @Test
    void existenceChecksAnswerTrueThenFalseOnceTheClientLeaves() {
        Client c = jsonClient("someone");
        assertThat(sdkCheck("connection_exists", "connection_id", c.id())).isTrue();
        assertThat(sdkCheck("connection_exists", "connection_id", "nope")).isFalse();
        assertThat(sdkCheck("user_exists", "user_id", "someone")).isTrue();
        assertThat(sdkCheck("user_exists", "user_id", "nobody")).isFalse();

        c.ws().close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !sdkCheck("connection_exists", "connection_id", c.id()));
        assertThat(sdkCheck("user_exists", "user_id", "someone")).isFalse();
    }

    @Test
    void userExistsWithSpecialCharactersAndForSimpleClients() {
        simpleClient("user a/b?c#%");
        assertThat(sdkCheck("user_exists", "user_id", "user a/b?c#%")).isTrue();
        assertThat(sdkCheck("user_exists", "user_id", "user a")).isFalse();
    }

    @Test
    void closeConnectionSendsDisconnectedWithTheReason() {
        Client c = jsonClient("u");
        Client bystander = jsonClient("u");

        sdk("close_connection", "connection_id", c.id(), "reason", "bye now");

        JsonNode disconnected = c.next();
        assertThat(disconnected.path("type").asText()).isEqualTo("system");
        assertThat(disconnected.path("event").asText()).isEqualTo("disconnected");
        assertThat(disconnected.path("message").asText()).isEqualTo("bye now");
        CloseStatus status = c.ws().awaitClose();
        assertThat(status.code()).isEqualTo(1000);
        assertThat(status.reason()).isEqualTo("bye now");
        await().atMost(Duration.ofSeconds(5)).until(() -> !sdkCheck("connection_exists", "connection_id", c.id()));
        assertNothingBeforeMarker(bystander);
    }

    @Test
    void closeConnectionWithoutReasonStillSaysWhy() {
        Client c = jsonClient("u");
        Client simple = simpleClient("s");

        sdk("close_connection", "connection_id", c.id());
        JsonNode disconnected = c.next();
        assertThat(disconnected.path("event").asText()).isEqualTo("disconnected");
        assertThat(disconnected.hasNonNull("message")).as("Java clients need a message: %s", disconnected).isTrue();
        c.ws().awaitClose();

        sdk("close_user_connections", "user_id", "s", "reason", "simple bye");
        CloseStatus status = simple.ws().awaitClose();
        assertThat(status.code()).isEqualTo(1000);
        assertThat(status.reason()).isEqualTo("simple bye");
    }

    @Test
    void reasonsWithQueryCharactersAndBeyondTheCloseFrameLimitArriveWhole() {
        Client json = jsonClient("u");
        Client simple = simpleClient("s");
        String special = "a&b=c d%20+\u00fc \u2713 #?/ " + "x".repeat(150);
        String twoByteChars = "\u00e9".repeat(100); // 200 bytes: a cut at byte 123 would split a character

        sdk("close_connection", "connection_id", json.id(), "reason", special);
        assertThat(json.next().path("message").asText()).isEqualTo(special);
        assertCloseReasonIsAPrefixWithin123Bytes(json.ws().awaitClose(), special);

        sdk("close_user_connections", "user_id", "s", "reason", twoByteChars);
        assertCloseReasonIsAPrefixWithin123Bytes(simple.ws().awaitClose(), twoByteChars);
    }

    private static void assertCloseReasonIsAPrefixWithin123Bytes(CloseStatus status, String reason) {
        assertThat(status.code()).as("%s", status).isEqualTo(1000);
        assertThat(status.reason().getBytes(StandardCharsets.UTF_8).length).as("%s", status).isBetween(100, 123);
        assertThat(reason).as("%s", status).startsWith(status.reason());
    }

    @Test
    void closingAnUnknownConnectionSucceeds() {
        sdk("close_connection", "connection_id", "no-such", "reason", "whatever");
        sdk("close_group_connections", "group", "empty", "reason", "whatever");
        sdk("close_user_connections", "user_id", "ghost", "reason", "whatever");
    }

    @Test
    void closeAllConnectionsKeepsExcludedConnections() {
        Client stays = jsonClient("a");
        Client alsoStays = jsonClient("b");
        Client goes = jsonClient("c");
        Client simpleGoes = simpleClient("d");

        sdk("close_all_connections", "excluded", List.of(stays.id(), alsoStays.id()), "reason", "everyone out");

        assertThat(goes.next().path("message").asText()).isEqualTo("everyone out");
        assertThat(goes.ws().awaitClose().reason()).isEqualTo("everyone out");
        assertThat(simpleGoes.ws().awaitClose().reason()).isEqualTo("everyone out");
        assertThat(sdkCheck("connection_exists", "connection_id", stays.id())).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !sdkCheck("user_exists", "user_id", "c"));
        assertNothingBeforeMarker(stays, alsoStays);
    }

    @Test
    void closeGroupConnectionsClosesMembersExceptExcluded() {
        Client member = jsonClient("a");
        Client excludedMember = jsonClient("b");
        Client bystander = jsonClient("c");
        sdk("add_connection_to_group", "group", "doomed", "connection_id", member.id());
        sdk("add_connection_to_group", "group", "doomed", "connection_id", excludedMember.id());

        sdk("close_group_connections", "group", "doomed", "excluded", List.of(excludedMember.id()),
                "reason", "group closed");

        JsonNode disconnected = member.next();
        assertThat(disconnected.path("event").asText()).isEqualTo("disconnected");
        assertThat(disconnected.path("message").asText()).isEqualTo("group closed");
        member.ws().awaitClose();
        assertThat(sdkCheck("connection_exists", "connection_id", excludedMember.id())).isTrue();
        assertNothingBeforeMarker(excludedMember, bystander);
    }

    @Test
    void closeUserConnectionsClosesThatUsersConnectionsExceptExcluded() {
        Client first = jsonClient("victim");
        Client excluded = jsonClient("victim");
        Client bystander = jsonClient("other");

        sdk("close_user_connections", "user_id", "victim", "excluded", List.of(excluded.id()), "reason", "user");

        assertThat(first.next().path("message").asText()).isEqualTo("user");
        first.ws().awaitClose();
        assertThat(sdkCheck("user_exists", "user_id", "victim")).as("the excluded one remains").isTrue();
        assertNothingBeforeMarker(excluded, bystander);
    }
}
