package io.hubbub.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How REST calls address connections (PROTOCOL.md §4.1, §4.6): list parameters repeated or comma-separated,
 * per-segment percent-decoding, absolute {@code nextLink}s fetched verbatim, and the token-less health check.
 */
class RestAddressingIT extends WireFixture {

    private String api(String rest) {
        return "/api/hubs/" + hub + rest;
    }

    @Test
    void excludedIsAcceptedRepeatedAndCommaSeparated() {
        Client a = json("a");
        Client b = json("b");
        Client c = json("c");
        Client d = json("d");
        assertThat(rest.post(api("/:send?excluded=" + a.connectionId() + "&excluded=" + b.connectionId()),
                "text/plain", "repeated").statusCode()).isEqualTo(202);
        assertThat(rest.post(api("/:send?excluded=" + c.connectionId() + "," + d.connectionId()),
                "text/plain", "comma").statusCode()).isEqualTo(202);
        assertThat(rest.post(api("/:send?excluded=" + a.connectionId() + "," + b.connectionId()
                + "&excluded=" + c.connectionId()), "text/plain", "both").statusCode()).isEqualTo(202);

        assertThat(a.next().path("data").asText()).isEqualTo("comma");
        assertThat(b.next().path("data").asText()).isEqualTo("comma");
        assertThat(c.next().path("data").asText()).isEqualTo("repeated");
        assertThat(d.next().path("data").asText()).isEqualTo("repeated");
        assertThat(d.next().path("data").asText()).isEqualTo("both");
        assertStillServing(a, b, c, d);
    }

    @Test
    void excludedOnGroupSendAndCloseConnections() {
        List<String> groups = List.of("g");
        Client a = json("a", List.of(), groups);
        Client b = json("b", List.of(), groups);
        Client c = json("c", List.of(), groups);
        assertThat(rest.post(api("/groups/g/:send?excluded=" + a.connectionId() + "," + b.connectionId()),
                "text/plain", "to c").statusCode()).isEqualTo(202);
        assertThat(c.next().path("data").asText()).isEqualTo("to c");
        assertThat(rest.post(api("/:closeConnections?excluded=" + a.connectionId() + "&excluded="
                + c.connectionId()), null, "").statusCode()).isEqualTo(204);
        assertThat(b.next().path("event").asText()).isEqualTo("disconnected");
        assertThat(b.ws().awaitClose().code()).isEqualTo(1000);
        assertStillServing(a, c);
    }

    @Test
    void encodedSlashStaysInsideTheUserId() {
        Client slash = json("a/b");
        Client a = json("a");
        Client b = json("b");
        Client literal = json("a%2Fb");
        assertThat(rest.post(api("/users/a%2Fb/:send"), "text/plain", "for a/b").statusCode()).isEqualTo(202);
        assertThat(rest.post(api("/users/a%252Fb/:send"), "text/plain", "for a%2Fb").statusCode()).isEqualTo(202);
        assertThat(rest.post(api("/users/a%2fb/:send"), "text/plain", "lower-case escape").statusCode())
                .isEqualTo(202);

        assertThat(slash.next().path("data").asText()).isEqualTo("for a/b");
        assertThat(slash.next().path("data").asText()).isEqualTo("lower-case escape");
        assertThat(literal.next().path("data").asText()).isEqualTo("for a%2Fb");
        assertThat(rest.method("HEAD", api("/users/a%2Fb")).statusCode()).isEqualTo(200);
        assertThat(rest.method("HEAD", api("/users/a%2Fc")).statusCode()).isEqualTo(404);

        Client plus = json("a+b");
        Client space = json("a b");
        assertThat(rest.post(api("/users/a+b/:send"), "text/plain", "plus").statusCode()).isEqualTo(202);
        assertThat(rest.post(api("/users/a%20b/:send"), "text/plain", "space").statusCode()).isEqualTo(202);
        assertThat(plus.next().path("data").asText()).as("'+' in a path is a plus").isEqualTo("plus");
        assertThat(space.next().path("data").asText()).isEqualTo("space");
        assertStillServing(slash, a, b, literal, plus, space);
    }

    @Test
    void listConnectionsPagesThroughAbsoluteNextLinks() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(json(i == 0 ? null : "u" + i, List.of(), List.of("g")).connectionId());
        }
        json("outsider");

        List<String> listed = new ArrayList<>();
        List<String> links = new ArrayList<>();
        JsonNode page = get(api("/groups/g/connections?api-version=2024-12-01&maxpagesize=2"));
        while (true) {
            assertThat(page.path("value").size()).isBetween(1, 2);
            page.path("value").forEach(v -> {
                listed.add(v.path("connectionId").asText());
                assertThat(v.has("userId")).as("userId only for users: %s", v)
                        .isEqualTo(!v.path("connectionId").asText().equals(ids.get(0)));
            });
            if (!page.hasNonNull("nextLink")) {
                break;
            }
            String next = page.path("nextLink").asText();
            assertThat(next).startsWith(rest.endpoint() + "/api/hubs/" + hub + "/groups/g/connections?")
                    .contains("api-version=2024-12-01").contains("maxpagesize=2").contains("continuationToken=");
            links.add(next);
            page = body(rest.getAbsolute(next));
        }
        assertThat(links).hasSize(2);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        assertThat(listed).isSorted();
        assertStillServing();
    }

    @Test
    void pagesContinueAfterListedMembersLeave() {
        List<Client> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(json("u" + i, List.of(), List.of("g")));
        }
        JsonNode first = get(api("/groups/g/connections?maxpagesize=2"));
        String gone = first.path("value").get(0).path("connectionId").asText();
        members.stream().filter(m -> m.connectionId().equals(gone)).findFirst().orElseThrow().ws().close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(rest.method("HEAD", api("/connections/" + gone)).statusCode()).isEqualTo(404));
        JsonNode second = body(rest.getAbsolute(first.path("nextLink").asText()));
        List<String> listed = new ArrayList<>();
        first.path("value").forEach(v -> listed.add(v.path("connectionId").asText()));
        second.path("value").forEach(v -> listed.add(v.path("connectionId").asText()));
        assertThat(listed).as("nothing skipped, nothing repeated").doesNotHaveDuplicates()
                .containsAll(members.stream().map(Client::connectionId).toList());
        assertStillServing();
    }

    @Test
    void hubNamesAreCaseInsensitiveGroupNamesAreNot() {
        Client upper = connectJson(ws("/client/hubs/" + hub.toUpperCase() + "?access_token="
                + clientToken("u1", List.of(), List.of("g"))), Map.of());
        assertThat(rest.post("/api/hubs/" + hub.toUpperCase() + "/:send", "text/plain", "upper").statusCode())
                .isEqualTo(202);
        assertThat(upper.next().path("data").asText()).isEqualTo("upper");
        assertThat(rest.post(api("/groups/G/:send"), "text/plain", "not g").statusCode()).isEqualTo(202);
        assertThat(rest.method("HEAD", api("/groups/G")).statusCode()).isEqualTo(404);
        assertThat(rest.method("HEAD", "/api/hubs/" + hub.toUpperCase() + "/groups/g").statusCode()).isEqualTo(200);
        assertStillServing(upper);
    }

    @Test
    void topCapsTheTotalAcrossPages() {
        for (int i = 0; i < 5; i++) {
            json("u" + i, List.of(), List.of("g"));
        }
        JsonNode first = get(api("/groups/g/connections?maxpagesize=2&top=3"));
        assertThat(first.path("value").size()).isEqualTo(2);
        String next = first.path("nextLink").asText();
        assertThat(next).contains("top=1");
        JsonNode second = body(rest.getAbsolute(next));
        assertThat(second.path("value").size()).isEqualTo(1);
        assertThat(second.hasNonNull("nextLink")).as("last page: %s", second).isFalse();

        JsonNode all = get(api("/groups/g/connections?top=4"));
        assertThat(all.path("value").size()).isEqualTo(4);
        assertThat(all.hasNonNull("nextLink")).isFalse();
        assertThat(get(api("/groups/empty/connections")).path("value").size()).isZero();

        assertAzureError(rest.method("GET", api("/groups/g/connections?maxpagesize=201")), 400, "Error.BadRequest");
        assertAzureError(rest.method("GET", api("/groups/g/connections?top=0")), 400, "Error.BadRequest");
        assertAzureError(rest.method("GET", api("/groups/g/connections?continuationToken=%25%25")), 400,
                "Error.BadRequest");
        assertStillServing();
    }

    @Test
    void healthNeedsNoToken() {
        HttpResponse<String> head = RestClient.send(rest.unsigned("/api/health")
                .method("HEAD", BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        RawHttp.Response raw = RawHttp.exchange(server.port(), "HEAD", "/api/health?api-version=2024-12-01");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).isEmpty();
        assertThat(rest.method("HEAD", "/api/health").statusCode()).as("with a token").isEqualTo(200);
        assertStillServing();
    }

    private JsonNode get(String pathAndQuery) {
        return body(rest.method("GET", pathAndQuery));
    }

    private static JsonNode body(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return parse(response.body());
    }
}
