package io.hubbub.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hubbub.testkit.ClientTokens;
import io.hubbub.testkit.TestServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * REST token validation (PROTOCOL.md §3.1) on {@code POST :send}: every refusal is a 401 with the Azure error body
 * and {@code x-ms-error-code}; every SDK-shaped token is accepted with 202; the node keeps serving afterwards.
 */
class RestAuthIT extends WireFixture {

    /** PROTOCOL.md §3.1, signed with TestServer.ACCESS_KEY; exp 1800000000 is in January 2027. */
    private static final String TEST_VECTOR = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwOi8vbG9jYWxob3N0"
            + "OjgwODAvYXBpL2h1YnMvY2hhdC86c2VuZD9hcGktdmVyc2lvbj0yMDI0LTEyLTAxIiwiZXhwIjoxODAwMDAwMDAwfQ"
            + ".PxlGUQuXHiiXmCxPUPqgt98dKEILfsMXUUJRvOf3vL0";
    private static final String WRONG_KEY = "WRONGKEYWRONGKEYWRONGKEYWRONGKEYWRONGKEY1234";

    private String sendPath() {
        return "/api/hubs/" + hub + "/:send?api-version=" + RestClient.API_VERSION;
    }

    private String sendUrl() {
        return rest.endpoint() + sendPath();
    }

    private HttpResponse<String> sendWith(String token) {
        return RestClient.send(rest.withToken(sendPath(), token).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("hello")).build());
    }

    private String signed(Map<String, Object> claims) {
        return ClientTokens.sign(claims, TestServer.ACCESS_KEY);
    }

    private void assertUnauthorized(HttpResponse<String> response) {
        assertAzureError(response, 401, "Error.Unauthorized");
    }

    @Test
    void absentTokenIsRefused() {
        assertUnauthorized(RestClient.send(rest.unsigned(sendPath()).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("hello")).build()));
        assertUnauthorized(RestClient.send(rest.unsigned(sendPath()).header("Authorization", "Bearer ")
                .POST(BodyPublishers.ofString("hello")).build()));
        assertUnauthorized(RestClient.send(rest.unsigned(sendPath()).header("Authorization", "Basic dTpw")
                .POST(BodyPublishers.ofString("hello")).build()));
        assertStillServing(json("bystander"));
    }

    @Test
    void forgedTokensAreRefused() {
        Client bystander = json("bystander");
        String valid = RestClient.token(sendUrl());
        String[] parts = valid.split("\\.");
        // Claims of another hub under the original signature.
        String otherClaims = b64("{\"aud\":\"" + rest.endpoint() + "/api/hubs/other\",\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
        assertUnauthorized(sendWith(parts[0] + "." + otherClaims + "." + parts[2]));
        // One signature character changed in the middle (the last one may only carry padding bits).
        char[] sig = parts[2].toCharArray();
        sig[10] = sig[10] == 'A' ? 'B' : 'A';
        assertUnauthorized(sendWith(parts[0] + "." + parts[1] + "." + new String(sig)));
        assertUnauthorized(sendWith(parts[0] + "." + parts[1] + "."));
        assertUnauthorized(sendWith("not-a-jwt"));
        // alg none, and HS256 claimed by a token signed as something else
        assertUnauthorized(sendWith(b64("{\"alg\":\"none\"}") + "." + parts[1] + "."));
        assertUnauthorized(sendWith(b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]));
        assertStillServing(bystander);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        assertUnauthorized(sendWith(RestClient.token(sendUrl(), WRONG_KEY)));
        assertStillServing(json("bystander"));
    }

    @Test
    void tokenSignedWithTheSecondaryKeyIsAccepted() {
        Client receiver = json("receiver");
        assertThat(sendWith(RestClient.token(sendUrl(), TestServer.SECONDARY_KEY)).statusCode()).isEqualTo(202);
        assertThat(receiver.next().path("data").asText()).isEqualTo("hello");
        assertStillServing(receiver);
    }

    @Test
    void expiryIsCheckedWithFiveMinutesOfSkew() {
        Client receiver = json("receiver");
        assertUnauthorized(sendWith(signed(RestClient.claims(sendUrl(), Instant.now().minusSeconds(6 * 60)))));
        Map<String, Object> noExp = RestClient.claims(sendUrl(), Instant.now());
        noExp.remove("exp");
        assertUnauthorized(sendWith(signed(noExp)));

        assertThat(sendWith(signed(RestClient.claims(sendUrl(), Instant.now().minusSeconds(2 * 60)))).statusCode())
                .as("expired 2 minutes ago: within the skew").isEqualTo(202);
        assertThat(receiver.next().path("data").asText()).isEqualTo("hello");
        assertStillServing(receiver);
    }

    @Test
    void notBeforeAndIssuedAtInTheFutureAreCheckedWithSkew() {
        Client receiver = json("receiver");
        long now = Instant.now().getEpochSecond();
        Map<String, Object> nbfLater = RestClient.claims(sendUrl(), Instant.now().plusSeconds(3600));
        nbfLater.put("nbf", now + 10 * 60);
        assertUnauthorized(sendWith(signed(nbfLater)));
        Map<String, Object> iatLater = RestClient.claims(sendUrl(), Instant.now().plusSeconds(3600));
        iatLater.put("iat", now + 10 * 60);
        assertUnauthorized(sendWith(signed(iatLater)));

        Map<String, Object> nbfSoon = RestClient.claims(sendUrl(), Instant.now().plusSeconds(3600));
        nbfSoon.put("nbf", now + 60);
        nbfSoon.put("iat", now + 60);
        assertThat(sendWith(signed(nbfSoon)).statusCode()).as("nbf/iat a minute ahead: within the skew")
                .isEqualTo(202);
        assertThat(receiver.next().path("data").asText()).isEqualTo("hello");
        assertStillServing(receiver);
    }

    @Test
    void audienceOfAnotherHubOrOperationIsRefused() {
        String base = rest.endpoint() + "/api/hubs/";
        assertUnauthorized(sendWith(RestClient.token(base + "otherhub/:send?api-version=" + RestClient.API_VERSION)));
        // a prefix must end at a '/' boundary: hub "ab" does not cover hub "abc"
        assertUnauthorized(sendWith(RestClient.token(base + hub.substring(0, hub.length() - 1))));
        assertUnauthorized(sendWith(RestClient.token(base + hub + "/groups/g/:send")));
        assertUnauthorized(sendWith(ClientTokens.sign(Map.of("exp", Instant.now().plusSeconds(60).getEpochSecond()),
                TestServer.ACCESS_KEY)));
        assertStillServing(json("bystander"));
    }

    @Test
    void audienceWithAnyHostAndQueryOrAHubPrefixIsAccepted() {
        Client receiver = json("receiver");
        // what an SDK behind a reverse proxy sends: the original host, its own query order
        String proxied = "https://origin.example:9999/api/hubs/" + hub + "/:send?excluded=x&api-version=2022-11-01";
        assertThat(sendWith(RestClient.token(proxied)).statusCode()).isEqualTo(202);
        assertThat(receiver.next().path("data").asText()).isEqualTo("hello");

        String compose = "http://hubbub_server:8080/api/hubs/" + hub + "/:send?api-version=2024-01-01";
        assertThat(sendWith(RestClient.token(compose)).statusCode()).as("host with '_'").isEqualTo(202);
        assertThat(receiver.next().path("data").asText()).isEqualTo("hello");

        assertThat(sendWith(RestClient.token(rest.endpoint() + "/api/hubs/" + hub + "/")).statusCode())
                .as("aud = the hub's path prefix").isEqualTo(202);
        assertThat(receiver.next().path("data").asText()).isEqualTo("hello");

        assertThat(sendWith(RestClient.token(rest.endpoint() + "/API/Hubs/" + hub.toUpperCase() + "/:SEND"))
                .statusCode()).as("paths compare case-insensitively").isEqualTo(202);
        assertThat(receiver.next().path("data").asText()).isEqualTo("hello");
        assertStillServing(receiver);
    }

    @Test
    void audienceMayBeAnArray() {
        Client receiver = json("receiver");
        Map<String, Object> claims = RestClient.claims(sendUrl(), Instant.now().plusSeconds(3600));
        claims.put("aud", List.of("http://x/api/hubs/other", sendUrl()));
        assertThat(sendWith(signed(claims)).statusCode()).isEqualTo(202);
        assertThat(receiver.next().path("data").asText()).isEqualTo("hello");
        assertStillServing(receiver);
    }

    @Test
    void protocolTestVectorIsAccepted() {
        assumeTrue(Instant.now().isBefore(Instant.ofEpochSecond(1_800_000_000L)), "the §3.1 test vector has expired");
        hub = "chat";
        Client receiver = json("receiver");
        HttpResponse<String> response = RestClient.send(rest.withToken(
                        "/api/hubs/chat/:send?api-version=2024-12-01", TEST_VECTOR)
                .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("vector")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(receiver.next().path("data").asText()).isEqualTo("vector");
        assertStillServing(receiver);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
