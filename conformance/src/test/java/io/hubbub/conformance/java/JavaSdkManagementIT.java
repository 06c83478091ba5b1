package io.hubbub.conformance.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.rest.RequestOptions;
import com.azure.messaging.webpubsub.models.GetClientAccessTokenOptions;
import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import com.azure.messaging.webpubsub.models.WebPubSubPermission;
import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestWebSocket.CloseStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Group membership, closes, existence checks, permissions and tokens through the Java SDK. */
class JavaSdkManagementIT extends JavaSdkFixture {

    private static final RequestOptions NONE = new RequestOptions();

    @Test
    void addAndRemoveConnectionToGroup() {
        Client c = jsonClient("u");
        assertThat(service.groupExistsWithResponse("g", NONE).getValue()).isFalse();

        service.addConnectionToGroupWithResponse("g", c.id(), NONE);
        assertThat(service.groupExistsWithResponse("g", NONE).getValue()).isTrue();
        service.sendToGroup("g", "in", WebPubSubContentType.TEXT_PLAIN);
        assertThat(c.next().path("data").asText()).isEqualTo("in");

        service.removeConnectionFromGroupWithResponse("g", c.id(), NONE);
        assertThat(service.groupExistsWithResponse("g", NONE).getValue()).isFalse();
        service.sendToGroup("g", "out", WebPubSubContentType.TEXT_PLAIN);
        assertNothingBeforeMarker(c);
    }

    @Test
    void addingAnUnknownConnectionToAGroupIsNotFound() {
        assertThatThrownBy(() -> service.addConnectionToGroupWithResponse("g", "no-such-id", NONE))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void removeConnectionFromAllGroups() {
        Client c = jsonClient("u");
        service.addConnectionToGroupWithResponse("g1", c.id(), NONE);
        service.addConnectionToGroupWithResponse("g2", c.id(), NONE);
        service.removeConnectionFromAllGroupsWithResponse(c.id(), NONE);
        assertThat(service.groupExistsWithResponse("g1", NONE).getValue()).isFalse();
        assertThat(service.groupExistsWithResponse("g2", NONE).getValue()).isFalse();
    }

    @Test
    void userGroupOperationsApplyToEveryConnectionOfTheUser() {
        Client a1 = jsonClient("a");
        Client a2 = jsonClient("a");
        Client b = jsonClient("b");
        service.addUserToGroupWithResponse("room", "a", NONE);
        service.sendToGroup("room", "hi a", WebPubSubContentType.TEXT_PLAIN);
        assertThat(a1.next().path("data").asText()).isEqualTo("hi a");
        assertThat(a2.next().path("data").asText()).isEqualTo("hi a");
        assertNothingBeforeMarker(b);

        service.removeUserFromGroupWithResponse("room", "a", NONE);
        assertThat(service.groupExistsWithResponse("room", NONE).getValue()).isFalse();

        service.addUserToGroupWithResponse("x", "a", NONE);
        service.addUserToGroupWithResponse("y", "a", NONE);
        service.removeUserFromAllGroupsWithResponse("a", NONE);
        assertThat(service.groupExistsWithResponse("x", NONE).getValue()).isFalse();
        assertThat(service.groupExistsWithResponse("y", NONE).getValue()).isFalse();
    }

    @Test
    void addConnectionsToGroupsSelectsByFilter() {
        Client alice = jsonClient("alice");
        Client bob = jsonClient("bob");
        service.addConnectionsToGroups(List.of("team", "all-hands"), "userId eq 'alice'");
        service.sendToGroup("team", "team only", WebPubSubContentType.TEXT_PLAIN);
        assertThat(alice.next().path("data").asText()).isEqualTo("team only");
        assertNothingBeforeMarker(bob);
        assertThat(service.groupExistsWithResponse("all-hands", NONE).getValue()).isTrue();
    }

    @Test
    void existenceChecksAnswerTrueAndFalse() {
        Client c = jsonClient("someone");
        assertThat(service.connectionExistsWithResponse(c.id(), NONE).getValue()).isTrue();
        assertThat(service.connectionExistsWithResponse("nope", NONE).getValue()).isFalse();
        assertThat(service.userExistsWithResponse("someone", NONE).getValue()).isTrue();
        assertThat(service.userExistsWithResponse("nobody", NONE).getValue()).isFalse();

        c.ws().close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                !service.connectionExistsWithResponse(c.id(), NONE).getValue());
        assertThat(service.userExistsWithResponse("someone", NONE).getValue()).isFalse();
    }

    @Test
    void closeConnectionSendsDisconnectedWithTheReason() {
        Client c = jsonClient("u");
        service.closeConnectionWithResponse(c.id(), new RequestOptions().addQueryParam("reason", "bye now"));
        JsonNode disconnected = c.next();
        assertThat(disconnected.path("type").asText()).isEqualTo("system");
        assertThat(disconnected.path("event").asText()).isEqualTo("disconnected");
        assertThat(disconnected.path("message").asText()).isEqualTo("bye now");
        CloseStatus status = c.ws().awaitClose();
        assertThat(status.code()).isEqualTo(1000);
        assertThat(status.reason()).isEqualTo("bye now");
    }

    @Test
    void closeAllKeepsExcludedConnections() {
        Client stays = jsonClient("a");
        Client goes = jsonClient("b");
        service.closeAllConnectionsWithResponse(new RequestOptions().addQueryParam("excluded", stays.id()));
        assertThat(goes.next().path("event").asText()).isEqualTo("disconnected");
        goes.ws().awaitClose();
        assertThat(service.connectionExistsWithResponse(stays.id(), NONE).getValue()).isTrue();
        assertNothingBeforeMarker(stays);
    }

    @Test
    void closeGroupAndUserConnections() {
        Client member = jsonClient("a");
        Client user = jsonClient("victim");
        Client bystander = jsonClient("c");
        service.addConnectionToGroupWithResponse("doomed", member.id(), NONE);

        service.closeGroupConnectionsWithResponse("doomed", new RequestOptions().addQueryParam("reason", "group"));
        assertThat(member.next().path("message").asText()).isEqualTo("group");
        member.ws().awaitClose();

        service.closeUserConnectionsWithResponse("victim", new RequestOptions().addQueryParam("reason", "user"));
        assertThat(user.next().path("message").asText()).isEqualTo("user");
        user.ws().awaitClose();

        assertNothingBeforeMarker(bystander);
    }

    @Test
    void grantRevokeAndCheckChangeWhatAClientMayDo() {
        Client c = jsonClient("u");
        c.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"vip\",\"ackId\":1}");
        assertThat(c.next().path("error").path("name").asText()).isEqualTo("Forbidden");
        assertThat(service.checkPermissionWithResponse(WebPubSubPermission.JOIN_LEAVE_GROUP, c.id(),
                new RequestOptions().addQueryParam("targetName", "vip")).getValue()).isFalse();

        service.grantPermissionWithResponse(WebPubSubPermission.JOIN_LEAVE_GROUP, c.id(),
                new RequestOptions().addQueryParam("targetName", "vip"));
        assertThat(service.checkPermissionWithResponse(WebPubSubPermission.JOIN_LEAVE_GROUP, c.id(),
                new RequestOptions().addQueryParam("targetName", "vip")).getValue()).isTrue();
        c.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"vip\",\"ackId\":2}");
        assertThat(c.next().path("success").asBoolean()).isTrue();

        service.revokePermissionWithResponse(WebPubSubPermission.JOIN_LEAVE_GROUP, c.id(),
                new RequestOptions().addQueryParam("targetName", "vip"));
        assertThat(service.checkPermissionWithResponse(WebPubSubPermission.JOIN_LEAVE_GROUP, c.id(),
                new RequestOptions().addQueryParam("targetName", "vip")).getValue()).isFalse();
        c.ws().sendText("{\"type\":\"leaveGroup\",\"group\":\"vip\",\"ackId\":3}");
        assertThat(c.next().path("error").path("name").asText()).isEqualTo("Forbidden");

        service.grantPermissionWithResponse(WebPubSubPermission.SEND_TO_GROUP, c.id(), NONE);
        assertThat(service.checkPermissionWithResponse(WebPubSubPermission.SEND_TO_GROUP, c.id(), NONE).getValue())
                .isTrue();
        c.ws().sendText("{\"type\":\"sendToGroup\",\"group\":\"any\",\"ackId\":4,\"dataType\":\"text\",\"data\":\"x\"}");
        assertThat(c.next().path("success").asBoolean()).isTrue();
    }

    @Test
    void tokensFromTheSdkConnectWithTheirRolesAndGroups() {
        GetClientAccessTokenOptions options = new GetClientAccessTokenOptions()
                .setUserId("tok")
                .addRole("webpubsub.sendToGroup.lobby")
                .addGroup("lobby")
                .setExpiresAfter(Duration.ofMinutes(5));
        Client c = connect(options, JSON_PROTOCOL);
        service.sendToGroup("lobby", "welcome", WebPubSubContentType.TEXT_PLAIN);
        assertThat(c.next().path("data").asText()).isEqualTo("welcome");

        c.ws().sendText("{\"type\":\"sendToGroup\",\"group\":\"lobby\",\"ackId\":0,\"dataType\":\"text\",\"data\":\"me\"}");
        JsonNode first = c.next();
        JsonNode second = c.next();
        Map<String, JsonNode> byType = Map.of(first.path("type").asText(), first, second.path("type").asText(), second);
        assertThat(byType.get("ack").path("ackId").asLong()).isZero();
        assertThat(byType.get("ack").path("success").asBoolean()).isTrue();
        assertThat(byType.get("message").path("fromUserId").asText()).isEqualTo("tok");
        assertThat(byType.get("message").path("group").asText()).isEqualTo("lobby");

        c.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"elsewhere\",\"ackId\":1}");
        assertThat(c.next().path("error").path("name").asText()).isEqualTo("Forbidden");
    }

    @Test
    void wrongKeyIsUnauthorized() {
        var wrong = client("Endpoint=http://127.0.0.1;Port=" + server.port()
                + ";AccessKey=WRONGWRONGWRONGWRONGWRONGWRONGWRONGWRONG1234;Version=1.0;");
        assertThatThrownBy(() -> wrong.sendToAll("x", WebPubSubContentType.TEXT_PLAIN))
                .isInstanceOf(ClientAuthenticationException.class);
    }
}
