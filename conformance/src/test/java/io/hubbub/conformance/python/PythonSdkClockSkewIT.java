package io.hubbub.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebSocketHandshakeFailure;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tokens the Python SDK signs on a host whose clock is off. Its REST tokens live only 60 s, so drift matters;
 * Hubbub allows 5 minutes of skew on {@code exp} and on {@code iat} (PROTOCOL.md §3.1, §3.4).
 */
class PythonSdkClockSkewIT extends PythonSdkFixture {

    @Test
    void restTokensExpiredLessThanFiveMinutesAgoAreAccepted() {
        Client c = jsonClient("u");
        PythonSdkDriver.Result sent = callWith(clockOffBy(-200), // exp = now - 140 s
                "send_to_connection", "connection_id", c.id(), "message", text("from a slow clock"));
        assertThat(sent.ok()).as("%s", sent).isTrue();
        assertThat(c.nextServerData().asText()).isEqualTo("from a slow clock");
    }

    @Test
    void restTokensExpiredMoreThanFiveMinutesAgoAreUnauthorized() {
        PythonSdkDriver.Result sent = callWith(clockOffBy(-420), // exp = now - 360 s
                "send_to_all", "message", text("too late"));
        assertThat(sent.ok()).as("%s", sent).isFalse();
        assertThat(sent.type()).isEqualTo("ClientAuthenticationError");
        assertThat(sent.status()).isEqualTo(401);
        assertThat(sent.message()).contains("expired");
        assertThat(sent.attempts()).isEqualTo(1);
    }

    @Test
    void clientTokensIssuedUpToFiveMinutesAheadConnect() {
        PythonSdkDriver.Result token = callWith(clockOffBy(200), // iat = now + 200 s
                "get_client_access_token", "user_id", "early");
        assertThat(connect(token.value(), JSON_PROTOCOL).connected().path("userId").asText()).isEqualTo("early");
    }

    @Test
    void clientTokensIssuedFurtherAheadAreRefused() {
        assertRefused(callWith(clockOffBy(420), // iat = now + 420 s
                "get_client_access_token", "user_id", "too-early"));
    }

    @Test
    void clientTokensExpiredLessThanFiveMinutesAgoConnectAndLongerAgoAreRefused() {
        PythonSdkDriver.ClientSettings anHourBehind = clockOffBy(-3600 - 200);
        PythonSdkDriver.Result recent = callWith(anHourBehind, // default hour: exp = now - 200 s
                "get_client_access_token", "user_id", "late");
        assertThat(connect(recent.value(), JSON_PROTOCOL).connected().path("userId").asText()).isEqualTo("late");
        assertRefused(callWith(anHourBehind, // 14 minutes: exp = now - 2960 s
                "get_client_access_token", "user_id", "stale", "minutes_to_expire", 14));
    }

    private PythonSdkDriver.ClientSettings clockOffBy(int seconds) {
        return sdkClient.withOptions(Map.of("clock_offset_seconds", seconds));
    }

    private static void assertRefused(PythonSdkDriver.Result token) {
        assertThat(token.ok()).as("%s", token).isTrue();
        URI url = URI.create(token.value().path("url").asText());
        assertThatThrownBy(() -> TestWebSocket.connect(url, JSON_PROTOCOL).close())
                .isInstanceOfSatisfying(WebSocketHandshakeFailure.class,
                        failure -> assertThat(failure.statusCode()).isEqualTo(401));
    }
}
