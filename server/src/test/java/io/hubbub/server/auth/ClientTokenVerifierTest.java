package io.hubbub.server.auth;

import static io.hubbub.server.auth.TestTokens.KEY;
import static io.hubbub.server.auth.TestTokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientTokenVerifierTest {

    private static final long NOW = 1_700_000_000L;
    private static final long EXP = NOW + 3600;
    private static final Jwt JWT = new Jwt(new AccessKeys(KEY, null),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    private final ClientTokenVerifier noPublicEndpoint = new ClientTokenVerifier(JWT, null);
    private final ClientTokenVerifier behindProxy = new ClientTokenVerifier(JWT,
            URI.create("https://pubsub.example.com"));

    private static String token(String aud) {
        return hs256("{\"aud\":\"" + aud + "\",\"exp\":" + EXP + "}", KEY);
    }

    private static String tokenWith(String claimsAfterAud) {
        return hs256("{\"aud\":\"http://localhost:8080/client/hubs/chat\",\"exp\":" + EXP + "," + claimsAfterAud
                + "}", KEY);
    }

    private ClientIdentity verify(String token) throws AuthException {
        return noPublicEndpoint.verify(token, "chat", false, "localhost:8080");
    }

    @ParameterizedTest(name = "aud {0} with Host {1}")
    @CsvSource(delimiter = '|', value = {
            "http://localhost:8080/client/hubs/chat | localhost:8080",
            "https://localhost:8080/client/hubs/chat | localhost:8080",
            "ws://localhost:8080/client/hubs/chat | localhost:8080",
            "wss://localhost:8080/client/hubs/chat | localhost:8080",
            "http://localhost:8080/client/hubs/chat/ | localhost:8080",
            "http://localhost:8080/client/hubs/chat?foo=bar | localhost:8080",
            "http://LOCALHOST:8080/Client/Hubs/CHAT | localhost:8080",
            "http://localhost:8080/client/hubs/chat | LocalHost:8080",
            "http://localhost:8080/prefix/client/hubs/chat | localhost:8080",
            // default ports, written or not, on either side
            "http://localhost:80/client/hubs/chat | localhost",
            "http://localhost/client/hubs/chat | localhost:80",
            "ws://localhost/client/hubs/chat | localhost:80",
            "https://localhost/client/hubs/chat | localhost:443",
            "https://localhost:443/client/hubs/chat | localhost",
            "wss://localhost/client/hubs/chat | localhost:443",
            "http://[::1]:8080/client/hubs/chat | [::1]:8080",
    })
    void shouldAcceptTheHubClientPathOnTheRequestHost(String aud, String host) {
        assertThatCode(() -> noPublicEndpoint.verify(token(aud), "chat", false, host)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "aud {0} with Host {1}")
    @CsvSource(delimiter = '|', value = {
            "http://localhost:8080/client/hubs/other | localhost:8080",
            "http://localhost:8080/client/hubs/chatroom | localhost:8080",
            "http://localhost:8080/client/hubs/chat/extra | localhost:8080",
            "http://localhost:8080/xclient/hubs/chat | localhost:8080",
            "http://localhost:8080/api/hubs/chat | localhost:8080",
            "http://localhost:8080/client | localhost:8080",
            "http://localhost:8080/clients/mqtt/hubs/chat | localhost:8080",
            // not a URL with a host
            "/client/hubs/chat | localhost:8080",
            "chat | localhost:8080",
    })
    void shouldRejectPathsOtherThanThisHubsClientPath(String aud, String host) {
        assertThatThrownBy(() -> noPublicEndpoint.verify(token(aud), "chat", false, host))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("audience");
    }

    /**
     * The verifier's rule (class Javadoc): the aud host must be the Host the client used or the public endpoint.
     * PROTOCOL.md §3.4 instead says to ignore the aud host; if that rule is adopted, these cases flip.
     */
    @ParameterizedTest(name = "aud {0} with Host {1}")
    @CsvSource(delimiter = '|', value = {
            "http://other:8080/client/hubs/chat | localhost:8080",
            "http://127.0.0.1:8080/client/hubs/chat | localhost:8080",
            "http://localhost:9090/client/hubs/chat | localhost:8080",
            "http://localhost/client/hubs/chat | localhost:8080",
            "http://localhost/client/hubs/chat | localhost:443",
            "https://localhost/client/hubs/chat | localhost:80",
    })
    void shouldRejectAudiencesNamingAnotherHostOrPort(String aud, String host) {
        assertThatThrownBy(() -> noPublicEndpoint.verify(token(aud), "chat", false, host))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("audience");
    }

    /**
     * §4.1 allows {@code `}, {@code [} and {@code ]} in hub names, and the SDKs build the client token's aud by
     * appending the hub name to the endpoint as is (Python: {@code "{}/client/hubs/{}".format(endpoint, hub)}).
     */
    @ParameterizedTest(name = "hub {0}")
    @CsvSource(delimiter = '|', value = {
            "chat.v1,x | http://localhost:8080/client/hubs/chat.v1,x",
            "chat[1] | http://localhost:8080/client/hubs/chat[1]",
            "a`b | http://localhost:8080/client/hubs/a`b",
    })
    void shouldAcceptEveryValidHubNameInTheAudience(String hub, String aud) {
        assertThatCode(() -> noPublicEndpoint.verify(token(aud), hub, false, "localhost:8080"))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRejectAnyHostWhenTheRequestHasNoHostAndNoPublicEndpointIsSet() {
        assertThatThrownBy(() -> noPublicEndpoint.verify(token("http://localhost:8080/client/hubs/chat"), "chat",
                false, null)).isInstanceOf(AuthException.class);
    }

    @Test
    void shouldAcceptThePublicEndpointHostWhateverTheRequestHost() throws Exception {
        String internalHost = "hubbub-0.internal:8080";

        assertThat(behindProxy.verify(token("https://pubsub.example.com/client/hubs/chat"), "chat", false,
                internalHost)).isNotNull();
        assertThat(behindProxy.verify(token("http://pubsub.example.com/client/hubs/chat"), "chat", false,
                internalHost)).as("scheme ignored").isNotNull();
        assertThat(behindProxy.verify(token("https://pubsub.example.com:443/client/hubs/chat"), "chat", false,
                null)).as("default port written out").isNotNull();
        assertThat(behindProxy.verify(token("http://hubbub-0.internal:8080/client/hubs/chat"), "chat", false,
                internalHost)).as("the request host still counts").isNotNull();

        assertThatThrownBy(() -> behindProxy.verify(token("https://evil.example.com/client/hubs/chat"), "chat",
                false, internalHost)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> behindProxy.verify(token("https://pubsub.example.com:8443/client/hubs/chat"),
                "chat", false, internalHost)).isInstanceOf(AuthException.class);
    }

    @Test
    void shouldAcceptAClientPathAudienceOnlyForTheHubInQueryForm() throws Exception {
        String clientOnly = token("http://localhost:8080/client");

        assertThat(noPublicEndpoint.verify(clientOnly, "chat", true, "localhost:8080")).isNotNull();
        assertThat(noPublicEndpoint.verify(token("http://localhost:8080/client/"), "chat", true, "localhost:8080"))
                .isNotNull();
        assertThat(noPublicEndpoint.verify(token("http://localhost:8080/client/hubs/chat"), "chat", true,
                "localhost:8080")).isNotNull();
        assertThatThrownBy(() -> noPublicEndpoint.verify(clientOnly, "chat", false, "localhost:8080"))
                .isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> noPublicEndpoint.verify(token("http://localhost:8080/client/hubs/other"), "chat",
                true, "localhost:8080")).isInstanceOf(AuthException.class);
    }

    @Test
    void shouldAcceptAnAudienceArrayWithOneMatchingElement() throws Exception {
        String token = hs256("{\"aud\":[\"http://localhost:8080/client/hubs/other\","
                + "\"ws://localhost:8080/client/hubs/chat\"],\"exp\":" + EXP + "}", KEY);

        assertThat(verify(token)).isNotNull();
    }

    @Test
    void shouldRejectATokenWithoutAudience() {
        assertThatThrownBy(() -> verify(hs256("{\"exp\":" + EXP + "}", KEY)))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("aud");
    }

    @Test
    void shouldRejectTokensTheJwtLayerRejects() {
        String expired = hs256("{\"aud\":\"http://localhost:8080/client/hubs/chat\",\"exp\":" + (NOW - 3600) + "}",
                KEY);
        String wrongKey = hs256("{\"aud\":\"http://localhost:8080/client/hubs/chat\",\"exp\":" + EXP + "}",
                "not-the-key-not-the-key-not-the-key");

        assertThatThrownBy(() -> verify(expired)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> verify(wrongKey)).isInstanceOf(AuthException.class);
    }

    @Test
    void shouldReadTheUserIdFromSub() throws Exception {
        assertThat(verify(tokenWith("\"sub\":\"u1\"")).userId()).isEqualTo("u1");
        assertThat(verify(tokenWith("\"tenant\":\"t1\"")).userId()).as("no sub: anonymous").isNull();
        assertThat(verify(tokenWith("\"sub\":\"\"")).userId()).as("empty sub: anonymous").isNull();
    }

    /**
     * §3.4: sub has "at most one value", so a one-element array is one value. ClientTokenVerifier has code for
     * exactly this case, but nimbus's claim parser rejects any non-string sub before it runs.
     */
    @Test
    void shouldAcceptASubArrayWithOneValue() throws Exception {
        assertThat(verify(tokenWith("\"sub\":[\"u1\"]")).userId()).isEqualTo("u1");
    }

    @Test
    void shouldRejectMoreThanOneSub() {
        assertThatThrownBy(() -> verify(tokenWith("\"sub\":[\"u1\",\"u2\"]")))
                .isInstanceOf(AuthException.class);
    }

    @Test
    void shouldReadRolesAndGroupsAsStringOrArray() throws Exception {
        ClientIdentity arrays = verify(tokenWith(
                "\"role\":[\"webpubsub.joinLeaveGroup.general\",\"webpubsub.sendToGroup.general\"],"
                        + "\"webpubsub.group\":[\"g1\",\"g2\"]"));
        ClientIdentity strings = verify(tokenWith(
                "\"role\":\"webpubsub.sendToGroup\",\"webpubsub.group\":\"g1\""));
        ClientIdentity none = verify(tokenWith("\"sub\":\"u1\""));

        assertThat(arrays.roles()).containsExactly("webpubsub.joinLeaveGroup.general", "webpubsub.sendToGroup.general");
        assertThat(arrays.groups()).containsExactly("g1", "g2");
        assertThat(strings.roles()).containsExactly("webpubsub.sendToGroup");
        assertThat(strings.groups()).containsExactly("g1");
        assertThat(none.roles()).isEmpty();
        assertThat(none.groups()).isEmpty();
    }

    @Test
    void shouldIgnoreTheRolesClaimForPermissions() throws Exception {
        ClientIdentity identity = verify(tokenWith("\"roles\":[\"webpubsub.sendToGroup\"]"));

        assertThat(identity.roles()).isEmpty();
        assertThat(identity.claims()).containsEntry("roles", List.of("webpubsub.sendToGroup"));
    }

    @Test
    void shouldForwardEveryClaimAsStringLists() throws Exception {
        ClientIdentity identity = verify(tokenWith(
                "\"iat\":" + (NOW - 10) + ",\"sub\":\"u1\",\"role\":[\"r1\",\"r2\"],\"tenant\":\"t1\","
                        + "\"level\":5,\"ratio\":1.5,\"admin\":true"));

        assertThat(identity.claims()).contains(
                entry("aud", List.of("http://localhost:8080/client/hubs/chat")),
                entry("exp", List.of(Long.toString(EXP))),
                entry("iat", List.of(Long.toString(NOW - 10))),
                entry("sub", List.of("u1")),
                entry("role", List.of("r1", "r2")),
                entry("tenant", List.of("t1")),
                entry("level", List.of("5")),
                entry("ratio", List.of("1.5")),
                entry("admin", List.of("true")));
        assertThat(identity.claims()).hasSize(9);
    }
}
