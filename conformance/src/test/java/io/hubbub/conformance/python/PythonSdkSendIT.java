package io.hubbub.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Python SDK's four sends ({@code send_to_all}, {@code send_to_group}, {@code send_to_user},
 * {@code send_to_connection}) with {@code excluded} and {@code filter}: members receive, everyone else does not.
 */
class PythonSdkSendIT extends PythonSdkFixture {

    @Test
    void sendToAllSkipsExcludedConnectionsAndAppliesTheFilter() {
        Client alice = jsonClient("alice");
        Client bob = jsonClient("bob");
        Client carol = jsonClient("carol");

        sdk("send_to_all", "message", text("not for alice or bob"), "excluded", List.of(alice.id(), bob.id()));
        assertThat(carol.nextServerData().asText()).isEqualTo("not for alice or bob");

        sdk("send_to_all", "message", text("not for bob"), "filter", "userId ne 'bob'");
        assertThat(alice.nextServerData().asText()).isEqualTo("not for bob");
        assertThat(carol.nextServerData().asText()).isEqualTo("not for bob");

        sdk("send_to_all", "message", text("bob only"), "excluded", List.of(alice.id()),
                "filter", "userId ne 'carol'");
        assertThat(bob.nextServerData().asText()).isEqualTo("bob only");

        assertNothingBeforeMarker(alice, bob, carol);
    }

    @Test
    void sendToGroupReachesMembersOnlyWhateverTheGroupName() {
        String group = "grp #1/\u00e9?";
        Client member = jsonClient("m");
        Client simpleMember = simpleClient("s");
        Client outsider = jsonClient("o");
        Client simpleOutsider = simpleClient("so");
        sdk("add_connection_to_group", "group", group, "connection_id", member.id());
        sdk("add_user_to_group", "group", group, "user_id", "s");

        sdk("send_to_group", "group", group, "message", text("to the group"));
        JsonNode message = member.next();
        assertThat(message.path("from").asText()).isEqualTo("server");
        assertThat(message.path("dataType").asText()).isEqualTo("text");
        assertThat(message.path("data").asText()).isEqualTo("to the group");
        assertThat(simpleMember.ws().nextText()).isEqualTo("to the group");

        sdk("send_to_group", "group", group, "message", json(Map.of("k", "v")));
        assertThat(member.nextServerData().path("k").asText()).isEqualTo("v");
        assertThat(simpleMember.ws().nextText()).isEqualTo("{\"k\": \"v\"}");

        sdk("send_to_group", "group", group, "message", binary(new byte[] {7}));
        assertThat(member.next().path("dataType").asText()).isEqualTo("binary");
        assertThat(simpleMember.ws().next().binaryData()).containsExactly(7);

        assertNothingBeforeMarker(outsider, simpleOutsider);
    }

    @Test
    void sendToGroupHonoursExcludedAndFilter() {
        Client a = jsonClient("a");
        Client b = jsonClient("b");
        Client c = jsonClient("c");
        for (Client member : List.of(a, b, c)) {
            sdk("add_connection_to_group", "group", "g", "connection_id", member.id());
        }

        sdk("send_to_group", "group", "g", "message", text("x"), "excluded", List.of(a.id(), b.id()));
        assertThat(c.nextServerData().asText()).isEqualTo("x");

        sdk("send_to_group", "group", "g", "message", text("y"), "filter", "connectionId eq '" + a.id() + "'");
        assertThat(a.nextServerData().asText()).isEqualTo("y");

        sdk("send_to_group", "group", "g", "message", text("z"), "excluded", List.of(c.id()),
                "filter", "userId in ('b', 'c')");
        assertThat(b.nextServerData().asText()).isEqualTo("z");

        assertNothingBeforeMarker(a, b, c);
    }

    @Test
    void sendToUserReachesEveryConnectionOfThatUserEvenWithSpecialCharacters() {
        String user = "user a/b?c#\u00e9";
        Client first = jsonClient(user);
        Client second = jsonClient(user);
        Client simple = simpleClient(user);
        Client other = jsonClient("someone else");

        sdk("send_to_user", "user_id", user, "message", text("just you"));
        assertThat(first.nextServerData().asText()).isEqualTo("just you");
        assertThat(second.nextServerData().asText()).isEqualTo("just you");
        assertThat(simple.ws().nextText()).isEqualTo("just you");

        sdk("send_to_user", "user_id", user, "message", text("filtered"),
                "filter", "connectionId eq '" + second.id() + "'");
        assertThat(second.nextServerData().asText()).isEqualTo("filtered");

        assertNothingBeforeMarker(first, second, simple, other);
    }

    @Test
    void sendToConnectionReachesThatConnectionOnly() {
        Client target = jsonClient("t");
        Client sameUser = jsonClient("t");

        sdk("send_to_connection", "connection_id", target.id(), "message", text("direct"));
        assertThat(target.nextServerData().asText()).isEqualTo("direct");
        sdk("send_to_connection", "connection_id", target.id(), "message", json(List.of(1, 2)));
        JsonNode json = target.next();
        assertThat(json.path("dataType").asText()).isEqualTo("json");
        assertThat(json.path("data").toString()).isEqualTo("[1,2]");
        sdk("send_to_connection", "connection_id", target.id(), "message", binary(new byte[] {9, 8}));
        JsonNode bytes = target.next();
        assertThat(bytes.path("dataType").asText()).isEqualTo("binary");
        assertThat(Base64.getDecoder().decode(bytes.path("data").asText())).containsExactly(9, 8);

        assertNothingBeforeMarker(sameUser);
    }

    @Test
    void filtersWithQuotesAndGroups() {
        Client quoted = jsonClient("o'brien");
        Client quotedInVip = jsonClient("o'brien");
        Client other = jsonClient("x");
        sdk("add_connection_to_group", "group", "vip", "connection_id", quotedInVip.id());
        sdk("add_connection_to_group", "group", "vip", "connection_id", other.id());

        sdk("send_to_all", "message", text("quoted"), "filter", "userId eq 'o''brien'");
        assertThat(quoted.nextServerData().asText()).isEqualTo("quoted");
        assertThat(quotedInVip.nextServerData().asText()).isEqualTo("quoted");

        sdk("send_to_user", "user_id", "o'brien", "message", text("vip"), "filter", "'vip' in groups");
        assertThat(quotedInVip.nextServerData().asText()).isEqualTo("vip");

        sdk("send_to_group", "group", "vip", "message", text("not o'brien"),
                "filter", "not (startswith(userId, 'o''') and length(groups) eq 1)");
        assertThat(other.nextServerData().asText()).isEqualTo("not o'brien");

        assertNothingBeforeMarker(quoted, quotedInVip, other);
    }

    @Test
    void sendsToNobodyAreAccepted() {
        assertThat(sdk("send_to_group", "group", "empty", "message", text("nobody")).isNull()).isTrue();
        assertThat(sdk("send_to_user", "user_id", "ghost", "message", text("nobody")).isNull()).isTrue();
        assertThat(sdk("send_to_connection", "connection_id", "no-such-id", "message", text("nobody")).isNull())
                .isTrue();
        assertThat(sdk("send_to_all", "message", text("nobody")).isNull()).isTrue();
    }
}
