package io.hubbub.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.server.config.ServerConfig;
import io.hubbub.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How Hubbub's REST API meets the Python SDK's HTTP pipeline: its 60-second JWTs signed with either key, its client
 * options, and errors it must see as 4xx (it retries 5xx and dropped connections ten times, with backoff).
 */
class PythonSdkRestIT extends PythonSdkFixture {

    private static final String WRONG_KEY = "WRONGWRONGWRONGWRONGWRONGWRONGWRONGWRONG1234";

    @Test
    void wrongKeyIsClientAuthenticationErrorWithoutRetries() {
        PythonSdkDriver.ClientSettings wrong = new PythonSdkDriver.ClientSettings(connectionString(WRONG_KEY));
        long started = System.nanoTime();
        PythonSdkDriver.Result send = callWith(wrong, "send_to_all", "message", text("x"));
        PythonSdkDriver.Result head = callWith(wrong, "connection_exists", "connection_id", "c");
        PythonSdkDriver.Result put = callWith(wrong, "add_user_to_group", "group", "g", "user_id", "u");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        for (PythonSdkDriver.Result result : List.of(send, head, put)) {
            assertThat(result.ok()).as("%s", result).isFalse();
            assertThat(result.type()).as("%s", result).isEqualTo("ClientAuthenticationError");
            assertThat(result.status()).as("%s", result).isEqualTo(401);
            assertThat(result.attempts()).as("a 401 is not retried: %s", result).isEqualTo(1);
        }
        assertThat(send.message()).as("the SDK read the error body").startsWith("(Error.Unauthorized) ");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void secondaryKeyWorksForRestAndClientTokens() {
        Client c = jsonClient("u");
        PythonSdkDriver.ClientSettings secondary =
                new PythonSdkDriver.ClientSettings(connectionString(TestServer.SECONDARY_KEY));
        PythonSdkDriver.Result sent = callWith(secondary, "send_to_connection", "connection_id", c.id(),
                "message", text("signed with the secondary key"));
        assertThat(sent.ok()).as("%s", sent).isTrue();
        assertThat(c.nextServerData().asText()).isEqualTo("signed with the secondary key");

        PythonSdkDriver.Result token = callWith(secondary, "get_client_access_token", "user_id", "second");
        assertThat(token.ok()).as("%s", token).isTrue();
        Client viaSecondary = connect(token.value(), JSON_PROTOCOL);
        assertThat(viaSecondary.connected().path("userId").asText()).isEqualTo("second");
    }

    @Test
    void clientOptionsChangingTheRestTokenAndApiVersionAreAccepted() {
        Client c = jsonClient("u");
        // user= adds the name claim to every REST token; api_version replaces 2022-11-01 in every query
        PythonSdkDriver.ClientSettings options = sdkClient.withOptions(Map.of("user", "admin",
                "api_version", "2099-01-01"));
        PythonSdkDriver.Result sent = callWith(options, "send_to_connection", "connection_id", c.id(),
                "message", text("with options"));
        assertThat(sent.ok()).as("%s", sent).isTrue();
        assertThat(c.nextServerData().asText()).isEqualTo("with options");
        PythonSdkDriver.Result exists = callWith(options, "connection_exists", "connection_id", c.id());
        assertThat(exists.value().asBoolean()).as("%s", exists).isTrue();
    }

    @Test
    void reverseProxyRequestsCarryTheOriginalEndpointInTheirAudience() {
        Client c = jsonClient("u");
        // requests go to Hubbub, but their JWT aud names http://origin.example:9999/api/hubs/...
        PythonSdkDriver.ClientSettings proxied = new PythonSdkDriver.ClientSettings(
                "Endpoint=http://origin.example:9999;AccessKey=" + TestServer.ACCESS_KEY + ";Version=1.0;",
                Map.of("reverse_proxy_endpoint", server.endpoint()));
        PythonSdkDriver.Result sent = callWith(proxied, "send_to_connection", "connection_id", c.id(),
                "message", text("through the proxy"));
        assertThat(sent.ok()).as("%s", sent).isTrue();
        assertThat(c.nextServerData().asText()).isEqualTo("through the proxy");
    }

    @Test
    void requestIdIsEchoed() {
        PythonSdkDriver.Result result = call("send_to_all", "message", text("x"));
        assertThat(result.response().path("requestId").asText()).isNotEmpty();
        assertThat(result.response().path("echoedRequestId").asText())
                .isEqualTo(result.response().path("requestId").asText());
    }

    @Test
    void badRequestsAre400WithTheErrorBodyAndNotRetried() {
        assertBadRequest(call("send_to_all", "message", text("x"), "filter", "userId eq"));
        assertBadRequest(call("send_to_all", "message", text("x"), "filter", "not length(userId) gt 5"));
        // the SDK sends no body for None
        assertBadRequest(call("send_to_all", "message", json(null)));
        assertBadRequest(call("send_to_group", "group", " ", "message", text("x")));
        assertBadRequest(call("send_to_group", "group", "g".repeat(1025), "message", text("x")));
        String previous = hub;
        hub = "1starts-with-a-digit";
        assertBadRequest(call("send_to_all", "message", text("x")));
        hub = previous;
    }

    @Test
    void longestGroupNameIsAccepted() {
        Client c = jsonClient("u");
        String group = "g".repeat(1024);
        sdk("add_connection_to_group", "group", group, "connection_id", c.id());
        sdk("send_to_group", "group", group, "message", text("long name"));
        assertThat(c.nextServerData().asText()).isEqualTo("long name");
    }

    @Test
    void unknownConnectionIs404NotRetried() {
        PythonSdkDriver.Result error = call("add_connection_to_group", "group", "g", "connection_id", "no-such");
        assertThat(error.type()).as("%s", error).isEqualTo("ResourceNotFoundError");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.message()).startsWith("(Error.NotFound) ");
        assertThat(error.attempts()).isEqualTo(1);
    }

    @Test
    void messagesUpToTheLimitAreDeliveredLargerOnesAre413() {
        Client simple = simpleClient("s");
        byte[] largest = new byte[ServerConfig.DEFAULT_MAX_MESSAGE_BYTES];
        largest[largest.length - 1] = 42;
        sdk("send_to_all", "message", binary(largest));
        assertThat(simple.ws().next().binaryData()).isEqualTo(largest);

        PythonSdkDriver.Result tooLarge = call("send_to_all", "message",
                binary(new byte[ServerConfig.DEFAULT_MAX_MESSAGE_BYTES + 1]));
        assertThat(tooLarge.ok()).as("%s", tooLarge).isFalse();
        assertThat(tooLarge.status()).as("%s", tooLarge).isEqualTo(413);
        assertThat(tooLarge.attempts()).as("not retried: %s", tooLarge).isEqualTo(1);
        assertNothingBeforeMarker(simple);
    }

    private static void assertBadRequest(PythonSdkDriver.Result result) {
        assertThat(result.ok()).as("%s", result).isFalse();
        assertThat(result.type()).as("%s", result).isEqualTo("HttpResponseError");
        assertThat(result.status()).as("%s", result).isEqualTo(400);
        assertThat(result.message()).as("%s", result).startsWith("(Error.BadRequest) ");
        assertThat(result.attempts()).as("a 400 is not retried: %s", result).isEqualTo(1);
    }

    private String connectionString(String key) {
        return "Endpoint=http://127.0.0.1;Port=" + server.port() + ";AccessKey=" + key + ";Version=1.0;";
    }
}
