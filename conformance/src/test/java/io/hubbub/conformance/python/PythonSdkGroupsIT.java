package io.hubbub.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Group membership of connections and users through the Python SDK, and {@code group_exists}. */
class PythonSdkGroupsIT extends PythonSdkFixture {

    @Test
    void addAndRemoveConnectionToGroup() {
        Client c = jsonClient("u");
        Client other = jsonClient("v");
        assertThat(sdkCheck("group_exists", "group", "g")).isFalse();

        sdk("add_connection_to_group", "group", "g", "connection_id", c.id());
        assertThat(sdkCheck("group_exists", "group", "g")).isTrue();
        sdk("send_to_group", "group", "g", "message", text("in"));
        assertThat(c.nextServerData().asText()).isEqualTo("in");

        sdk("remove_connection_from_group", "group", "g", "connection_id", c.id());
        assertThat(sdkCheck("group_exists", "group", "g")).isFalse();
        sdk("send_to_group", "group", "g", "message", text("out"));
        assertNothingBeforeMarker(c, other);
    }

    @Test
    void addingAnUnknownConnectionToAGroupIsNotFound() {
        PythonSdkDriver.Result error = sdkError("add_connection_to_group", "group", "g", "connection_id", "no-such");
        assertThat(error.type()).isEqualTo("ResourceNotFoundError");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.attempts()).as("a 404 is not retried").isEqualTo(1);
    }

    @Test
    void removingWhatIsNotThereSucceeds() {
        Client c = jsonClient("u");
        sdk("remove_connection_from_group", "group", "never-joined", "connection_id", c.id());
        sdk("remove_connection_from_group", "group", "g", "connection_id", "no-such");
        sdk("remove_connection_from_all_groups", "connection_id", "no-such");
        sdk("remove_user_from_group", "group", "g", "user_id", "nobody");
        sdk("remove_user_from_all_groups", "user_id", "nobody");
        sdk("add_user_to_group", "group", "g", "user_id", "nobody");
        assertThat(sdkCheck("group_exists", "group", "g")).as("a user without connections joins nothing").isFalse();
    }

    @Test
    void removeConnectionFromAllGroups() {
        Client c = jsonClient("u");
        Client stays = jsonClient("w");
        sdk("add_connection_to_group", "group", "g1", "connection_id", c.id());
        sdk("add_connection_to_group", "group", "g2", "connection_id", c.id());
        sdk("add_connection_to_group", "group", "g2", "connection_id", stays.id());

        sdk("remove_connection_from_all_groups", "connection_id", c.id());

        assertThat(sdkCheck("group_exists", "group", "g1")).isFalse();
        assertThat(sdkCheck("group_exists", "group", "g2")).as("still has another member").isTrue();
        sdk("send_to_group", "group", "g2", "message", text("g2"));
        assertThat(stays.nextServerData().asText()).isEqualTo("g2");
        assertNothingBeforeMarker(c, stays);
    }

    @Test
    void userGroupOperationsApplyToEveryConnectionOfTheUser() {
        Client a1 = jsonClient("a");
        Client a2 = simpleClient("a");
        Client b = jsonClient("b");

        sdk("add_user_to_group", "group", "room", "user_id", "a");
        assertThat(sdkCheck("group_exists", "group", "room")).isTrue();
        sdk("send_to_group", "group", "room", "message", text("hi a"));
        assertThat(a1.nextServerData().asText()).isEqualTo("hi a");
        assertThat(a2.ws().nextText()).isEqualTo("hi a");
        assertNothingBeforeMarker(a1, a2, b);

        sdk("remove_user_from_group", "group", "room", "user_id", "a");
        assertThat(sdkCheck("group_exists", "group", "room")).isFalse();
        sdk("send_to_group", "group", "room", "message", text("left"));
        assertNothingBeforeMarker(a1, a2, b);
    }

    @Test
    void removeUserFromAllGroups() {
        Client a = jsonClient("a");
        Client b = jsonClient("b");
        sdk("add_user_to_group", "group", "x", "user_id", "a");
        sdk("add_user_to_group", "group", "y", "user_id", "a");
        sdk("add_user_to_group", "group", "y", "user_id", "b");

        sdk("remove_user_from_all_groups", "user_id", "a");

        assertThat(sdkCheck("group_exists", "group", "x")).isFalse();
        assertThat(sdkCheck("group_exists", "group", "y")).isTrue();
        sdk("send_to_group", "group", "y", "message", text("y"));
        assertThat(b.nextServerData().asText()).isEqualTo("y");
        assertNothingBeforeMarker(a, b);
    }

    @Test
    void addUserToGroupTakesOnlyTheUsersCurrentConnections() {
        Client before = jsonClient("late");
        sdk("add_user_to_group", "group", "g", "user_id", "late");
        Client after = jsonClient("late");

        sdk("send_to_group", "group", "g", "message", text("members"));
        assertThat(before.nextServerData().asText()).isEqualTo("members");
        assertNothingBeforeMarker(before, after);
    }

    @Test
    void groupsEndWithTheirLastMember() {
        Client c = jsonClient("u");
        sdk("add_connection_to_group", "group", "g", "connection_id", c.id());
        assertThat(sdkCheck("group_exists", "group", "g")).isTrue();

        c.ws().close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !sdkCheck("group_exists", "group", "g"));
    }
}
