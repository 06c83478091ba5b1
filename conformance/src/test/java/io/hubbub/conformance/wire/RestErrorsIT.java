package io.hubbub.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * REST error paths (PROTOCOL.md §4.1, §4.4, §4.7, §10): each answers with the Azure error body and
 * {@code x-ms-error-code}, HEAD answers without a body, and nothing stops the node from serving the next caller.
 */
class RestErrorsIT extends WireFixture {

    private String api(String rest) {
        return "/api/hubs/" + hub + rest;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void unknownRoutesAre404() {
        assertAzureError(rest.post(api("/:unknown"), "text/plain", "x"), 404, "Error.NotFound");
        assertAzureError(rest.method("GET", api("/groups/g/connections/c1/extra")), 404, "Error.NotFound");
        assertAzureError(rest.method("GET", "/api/nothing"), 404, "Error.NotFound");
        assertAzureError(rest.method("GET", "/nothing/here"), 404, "Error.NotFound");
        assertStillServing();
    }

    @Test
    void knownRouteWithAnotherMethodIs405() {
        assertAzureError(rest.method("GET", api("/:send?api-version=2024-12-01")), 405, "Error.MethodNotAllowed");
        assertAzureError(rest.method("PUT", api("/users/u1/:send")), 405, "Error.MethodNotAllowed");
        assertAzureError(rest.method("POST", api("/groups/g")), 405, "Error.MethodNotAllowed");
        assertStillServing();
    }

    @Test
    void invalidHubNamesAre400() {
        for (String bad : List.of("1hub", "a-b", "a%20b", "h".repeat(129), "_x")) {
            String message = assertAzureError(rest.post("/api/hubs/" + bad + "/:send", "text/plain", "x"), 400,
                    "Error.BadRequest");
            assertThat(message).containsIgnoringCase("hub");
        }
        assertThat(rest.post("/api/hubs/" + "h".repeat(128) + "/:send", "text/plain", "x").statusCode())
                .as("128 characters is the longest valid name").isEqualTo(202);
        assertStillServing();
    }

    @Test
    void badFilterIs400NamingTheProblem() {
        String message = assertAzureError(
                rest.post(api("/:send?filter=" + enc("userId eq")), "text/plain", "x"), 400, "Error.BadRequest");
        assertThat(message).contains("userId eq").contains("Unexpected end of expression at position 9");

        message = assertAzureError(rest.post(api("/groups/g/:send?filter=" + enc("not length(userId) gt 5")),
                "text/plain", "x"), 400, "Error.BadRequest");
        assertThat(message).contains("Invalid syntax for 'not length(userId)'").contains("expect 'bool'");

        message = assertAzureError(rest.post(api("/:addToGroups"), "application/json",
                "{\"groups\":[\"g\"],\"filter\":\"foo eq 'a'\"}"), 400, "Error.BadRequest");
        assertThat(message).contains("Unknown identifier 'foo'");
        assertStillServing();
    }

    @Test
    void messageTtlOutOfRangeIs400() {
        for (String ttl : List.of("301", "-1", "abc", "1.5")) {
            String message = assertAzureError(rest.post(api("/:send?messageTtlSeconds=" + ttl), "text/plain", "x"),
                    400, "Error.BadRequest");
            assertThat(message).contains("messageTtlSeconds");
        }
        assertAzureError(rest.post(api("/connections/c1/:send?messageTtlSeconds=301"), "text/plain", "x"), 400,
                "Error.BadRequest");
        Client receiver = json("receiver");
        assertThat(rest.post(api("/:send?messageTtlSeconds=0"), "text/plain", "a").statusCode()).isEqualTo(202);
        assertThat(rest.post(api("/:send?messageTtlSeconds=300"), "text/plain", "b").statusCode()).isEqualTo(202);
        assertThat(receiver.next().path("data").asText()).isEqualTo("a");
        assertThat(receiver.next().path("data").asText()).isEqualTo("b");
        assertStillServing(receiver);
    }

    @Test
    void unsupportedContentTypeIs415() {
        assertAzureError(rest.post(api("/:send"), "text/html", "<p>"), 415, "Error.UnsupportedMediaType");
        assertAzureError(rest.post(api("/users/u/:send"), "application/xml", "<a/>"), 415,
                "Error.UnsupportedMediaType");
        assertAzureError(rest.post(api("/:addToGroups"), "text/plain", "{\"groups\":[\"g\"]}"), 415,
                "Error.UnsupportedMediaType");
        assertStillServing();
    }

    @Test
    void invalidJsonBodyIs400() {
        for (String body : List.of("{\"a\":", "", "{} {}", "not json", "{'a':1}")) {
            assertAzureError(rest.post(api("/:send"), "application/json", body), 400, "Error.BadRequest");
        }
        assertAzureError(rest.post(api("/:send"), "Application/JSON; charset=utf-8", "[1,"), 400,
                "Error.BadRequest");
        assertStillServing();
    }

    /**
     * Every oversized upload must get its 413. Answering and closing while the body is still arriving can reset
     * the connection and lose the answer (the SDKs then retry the upload); it happens about one time in ten, so
     * 60 tries.
     */
    @Test
    void bodyOverTheLimitIs413EveryTime() {
        Client receiver = json("receiver");
        byte[] tooBig = new byte[1024 * 1024 + 1];
        for (int i = 1; i <= 60; i++) {
            HttpResponse<String> response;
            try {
                response = rest.post(api("/:send"), "application/octet-stream", tooBig);
            } catch (UncheckedIOException e) {
                throw new AssertionError("oversized upload #" + i + " got no 413: " + e.getCause(), e);
            }
            assertAzureError(response, 413, "Error.PayloadTooLarge");
        }
        assertThat(rest.post(api("/:send"), "application/octet-stream", new byte[1024 * 1024]).statusCode())
                .as("exactly the limit").isEqualTo(202);
        assertThat(receiver.next().path("dataType").asText()).isEqualTo("binary");
        assertStillServing(receiver);
    }

    @Test
    void badlyEncodedRequestsAre400() {
        int port = server.port();
        for (String target : List.of(api("/users/%zz/:send"), api("/:send?filter=%zz"), "/api/hubs/%E0%A4/:send")) {
            RawHttp.Response r = RawHttp.exchange(port, "POST", target, "Content-Length: 0");
            assertThat(r.status()).as(target).isEqualTo(400);
            assertThat(r.header("x-ms-error-code")).as(target).isEqualTo("Error.BadRequest");
            assertThat(parse(new String(r.body(), StandardCharsets.UTF_8)).path("code").asText())
                    .isEqualTo("Error.BadRequest");
            assertThat(r.markerAnswered()).as("same connection still served after %s", target).isTrue();
        }
        assertStillServing();
    }

    /**
     * curl and many HTTP clients announce large bodies with {@code Expect: 100-continue}; the 413 must still carry
     * the Azure error body (PROTOCOL.md §4.1), and an unknown expectation is refused the same way.
     */
    @Test
    void oversizedBodyAnnouncedWithExpectContinueIs413WithErrorBody() {
        // A raw socket: the JDK 17 HTTP client itself never completes a request refused after 'Expect: 100-continue'
        // (fixed in later JDKs), whatever the server answers.
        String path = api("/:send");
        RawHttp.Response tooBig = RawHttp.headOnly(server.port(), "POST", path, "Content-Length: " + (1024 * 1024 + 1),
                "Expect: 100-continue", "Content-Type: application/octet-stream",
                "Authorization: Bearer " + RestClient.token(rest.endpoint() + path));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.header("x-ms-error-code")).isEqualTo("Error.PayloadTooLarge");
        assertThat(parse(new String(tooBig.body(), StandardCharsets.UTF_8)).path("code").asText())
                .isEqualTo("Error.PayloadTooLarge");
        assertStillServing();
    }

    @Test
    void headErrorsHaveNoBody() {
        int port = server.port();
        String auth = "Authorization: Bearer " + RestClient.token(rest.endpoint() + api("/groups/g"));
        RawHttp.Response unauthorized = RawHttp.exchange(port, "HEAD", api("/groups/g"));
        RawHttp.Response badHub = RawHttp.exchange(port, "HEAD", "/api/hubs/1bad/groups/g");
        RawHttp.Response absent = RawHttp.exchange(port, "HEAD", api("/groups/g"), auth);
        RawHttp.Response badGroup = RawHttp.exchange(port, "HEAD", api("/groups/%20"),
                "Authorization: Bearer " + RestClient.token(rest.endpoint() + api("/groups/%20")));
        RawHttp.Response unknown = RawHttp.exchange(port, "HEAD", "/nothing");
        assertThat(List.of(unauthorized.status(), badHub.status(), absent.status(), badGroup.status(),
                unknown.status())).containsExactly(401, 400, 404, 400, 404);
        for (RawHttp.Response r : List.of(unauthorized, badHub, badGroup, unknown)) {
            assertThat(r.header("x-ms-error-code")).as(r.head()).isNotBlank();
        }
        for (RawHttp.Response r : List.of(unauthorized, badHub, absent, badGroup, unknown)) {
            assertThat(r.body()).as("body of HEAD answered %s", r.head()).isEmpty();
            assertThat(r.markerAnswered()).as("same connection still served after %s", r.head()).isTrue();
        }
        assertStillServing();
    }

    @Test
    void anyApiVersionOrNoneIsAccepted() {
        Client receiver = json("receiver");
        for (String query : List.of("", "?api-version=2021-10-01", "?api-version=2099-01-01-preview",
                "?api-version=whatever", "?API-VERSION=2024-01-01", "?api-version=")) {
            assertThat(rest.post(api("/:send" + query), "text/plain", "v" + query).statusCode()).as(query)
                    .isEqualTo(202);
            assertThat(receiver.next().path("data").asText()).isEqualTo("v" + query);
        }
        assertStillServing(receiver);
    }

    @Test
    void clientRequestIdIsEchoedOnSuccessAndError() {
        HttpResponse<String> ok = RestClient.send(rest.signed(api("/:send")).header("x-ms-client-request-id", "id-1")
                .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("x")).build());
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(ok.headers().firstValue("x-ms-client-request-id")).contains("id-1");

        HttpResponse<String> unauthorized = RestClient.send(rest.unsigned(api("/:send"))
                .header("x-ms-client-request-id", "id-2").POST(BodyPublishers.ofString("x")).build());
        assertAzureError(unauthorized, 401, "Error.Unauthorized");
        assertThat(unauthorized.headers().firstValue("x-ms-client-request-id")).contains("id-2");

        HttpResponse<String> notFound = RestClient.send(rest.signed(api("/:nothing"))
                .header("x-ms-client-request-id", "id-3").POST(BodyPublishers.noBody()).build());
        assertAzureError(notFound, 404, "Error.NotFound");
        assertThat(notFound.headers().firstValue("x-ms-client-request-id")).contains("id-3");
        assertStillServing(); // the 413 case is in MessageSizeLimitIT, where the upload is small
    }
}
