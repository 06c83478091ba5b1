package io.hubbub.server.auth;

import static io.hubbub.server.auth.TestTokens.KEY;
import static io.hubbub.server.auth.TestTokens.hs256;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestTokenVerifierTest {

    private static final long NOW = 1_700_000_000L;
    private final RestTokenVerifier verifier = new RestTokenVerifier(
            new Jwt(new AccessKeys(KEY, null), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)));

    private static String bearer(String audJson) {
        return "Bearer " + hs256("{\"aud\":" + audJson + ",\"exp\":" + (NOW + 3600) + "}", KEY);
    }

    private static String bearerFor(String aud) {
        return bearer("\"" + aud + "\"");
    }

    @ParameterizedTest(name = "aud {0} authorizes {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // the SDKs' full URLs, query in their own order
            "http://localhost:8080/api/hubs/chat/:send?api-version=2024-01-01&excluded=c1&excluded=c2&filter=userId%20ne%20%27u1%27 | /api/hubs/chat/:send",
            "http://localhost:8080/api/hubs/chat/:send?excluded=c1&excluded=c2&api-version=2022-11-01 | /api/hubs/chat/:send",
            // the aud host is ignored: reverse proxies keep the original endpoint
            "http://origin.example:9999/api/hubs/chat/:send?api-version=2024-12-01 | /api/hubs/chat/:send",
            // the REST reference's form: no query
            "http://localhost:8080/api/hubs/chat/:send | /api/hubs/chat/:send",
            // trailing slashes on either side
            "http://localhost:8080/api/hubs/chat/:send/ | /api/hubs/chat/:send",
            "http://localhost:8080/api/hubs/chat/:send | /api/hubs/chat/:send/",
            "http://localhost:8080/api/hubs/chat/?api-version=1 | /api/hubs/chat/groups/g1/:send",
            // a prefix ending at a '/' boundary
            "http://localhost:8080/api/hubs/chat | /api/hubs/chat/groups/g1/:send",
            "http://localhost:8080/api | /api/hubs/chat/:send",
            // the path compared case-insensitively
            "http://localhost:8080/API/Hubs/Chat/Users/Bob/:send | /api/hubs/chat/users/bob/:send",
            "http://localhost:8080/api/hubs/chat/users/a%2fb/:send | /api/hubs/chat/users/a%2Fb/:send",
            // encoded exactly like the request
            "http://localhost:8080/api/hubs/chat/users/user%20a%2Fb%3Fc/:send | /api/hubs/chat/users/user%20a%2Fb%3Fc/:send",
            "http://localhost:8080/api/hubs/chat/groups/grp%20%231/:send | /api/hubs/chat/groups/grp%20%231/:send",
            // encoded differently from the request: matched after decoding once
            "http://localhost:8080/api/hubs/chat/users/o'brien/:send | /api/hubs/chat/users/o%27brien/:send",
            "http://localhost:8080/api/hubs/chat/users/o%27brien/:send | /api/hubs/chat/users/o'brien/:send",
            "http://localhost:8080/api/hubs/chat/groups/a%2Bb/:send | /api/hubs/chat/groups/a+b/:send",
    })
    void shouldAcceptMatchingAudiences(String aud, String requestPath) {
        assertThatCode(() -> verifier.verify(bearerFor(aud.trim()), requestPath.trim())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "aud {0} does not authorize {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // another operation or hub
            "http://localhost:8080/api/hubs/chat/:send | /api/hubs/chat/:closeConnections",
            "http://localhost:8080/api/hubs/other/:send | /api/hubs/chat/:send",
            // a prefix that ends inside a segment
            "http://localhost:8080/api/hubs/chat | /api/hubs/chatroom/:send",
            "http://localhost:8080/api/hubs/chat/users/bo | /api/hubs/chat/users/bob/:send",
            // longer than the request path
            "http://localhost:8080/api/hubs/chat/groups/g1/:send | /api/hubs/chat/groups/g1",
            // a query-like path segment is still a path
            "http://localhost:8080/api/hubs/chat/:send?x=/api/hubs/chat/users/u1/:send | /api/hubs/chat/users/u1/:send",
            // '+' is a plus sign in a path, not a space
            "http://localhost:8080/api/hubs/chat/groups/a+b/:send | /api/hubs/chat/groups/a%20b/:send",
            // no path at all
            "http://localhost:8080 | /api/hubs/chat/:send",
            "http://localhost:8080?/api/hubs/chat/:send | /api/hubs/chat/:send",
    })
    void shouldRejectAudiencesThatDoNotCoverThePath(String aud, String requestPath) {
        assertThatThrownBy(() -> verifier.verify(bearerFor(aud.trim()), requestPath.trim()))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("audience");
    }

    /**
     * §4.1: {@code %2F} is a character of a path value, not a separator. A token whose aud ends at user {@code a}
     * must not cover user {@code a/b}: the prefix would end in the middle of that segment once decoded.
     */
    @Test
    void shouldNotTreatAnEncodedSlashAsAPrefixBoundary() {
        assertThatThrownBy(() -> verifier.verify(bearerFor("http://localhost:8080/api/hubs/chat/users/a"),
                "/api/hubs/chat/users/a%2Fb/:send"))
                .isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> verifier.verify(bearerFor("http://localhost:8080/api/hubs/chat/groups/team"),
                "/api/hubs/chat/groups/team%2Fadmins/connections/c1"))
                .isInstanceOf(AuthException.class);
    }

    @Test
    void shouldAcceptAnAudienceArrayWhenAnyElementMatches() {
        assertThatCode(() -> verifier.verify(bearer("[\"http://h/api/hubs/other\",\"http://h/api/hubs/chat\"]"),
                "/api/hubs/chat/:send")).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(bearer("[\"http://h/api/hubs/other\",\"http://h/api/hubs/x\"]"),
                "/api/hubs/chat/:send")).isInstanceOf(AuthException.class);
    }

    @Test
    void shouldRejectATokenWithoutAudience() {
        String token = "Bearer " + hs256("{\"exp\":" + (NOW + 3600) + "}", KEY);

        assertThatThrownBy(() -> verifier.verify(token, "/api/hubs/chat/:send"))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("aud");
    }

    @Test
    void shouldRequireABearerToken() {
        String token = hs256("{\"aud\":\"http://h/api/hubs/chat/:send\",\"exp\":" + (NOW + 3600) + "}", KEY);

        assertThatThrownBy(() -> verifier.verify(null, "/api/hubs/chat/:send"))
                .isInstanceOf(AuthException.class).hasMessageContaining("Bearer");
        assertThatThrownBy(() -> verifier.verify("", "/api/hubs/chat/:send"))
                .isInstanceOf(AuthException.class).hasMessageContaining("Bearer");
        assertThatThrownBy(() -> verifier.verify("Bearer ", "/api/hubs/chat/:send"))
                .isInstanceOf(AuthException.class).hasMessageContaining("Bearer");
        assertThatThrownBy(() -> verifier.verify("Basic " + token, "/api/hubs/chat/:send"))
                .isInstanceOf(AuthException.class).hasMessageContaining("Bearer");
        assertThatThrownBy(() -> verifier.verify(token, "/api/hubs/chat/:send"))
                .as("a bare token without the scheme")
                .isInstanceOf(AuthException.class).hasMessageContaining("Bearer");

        assertThatCode(() -> verifier.verify("bearer " + token, "/api/hubs/chat/:send"))
                .as("the scheme is case-insensitive").doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify("  Bearer   " + token + "  ", "/api/hubs/chat/:send"))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRejectTokensTheJwtLayerRejects() {
        String wrongKey = "Bearer " + hs256("{\"aud\":\"http://h/api/hubs/chat/:send\",\"exp\":" + (NOW + 3600)
                + "}", "a-completely-different-key-0123456789");
        String expired = "Bearer " + hs256("{\"aud\":\"http://h/api/hubs/chat/:send\",\"exp\":" + (NOW - 3600)
                + "}", KEY);

        assertThatThrownBy(() -> verifier.verify(wrongKey, "/api/hubs/chat/:send"))
                .isInstanceOf(AuthException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> verifier.verify(expired, "/api/hubs/chat/:send"))
                .isInstanceOf(AuthException.class).hasMessageContaining("expired");
    }

    @Test
    void shouldAcceptTheProtocolTestVectorForItsPath() {
        RestTokenVerifier beforeExpiry = new RestTokenVerifier(new Jwt(new AccessKeys(KEY, null),
                Clock.fixed(Instant.ofEpochSecond(1_799_000_000L), ZoneOffset.UTC)));

        assertThatCode(() -> beforeExpiry.verify("Bearer " + JwtTest.PROTOCOL_VECTOR, "/api/hubs/chat/:send"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> beforeExpiry.verify("Bearer " + JwtTest.PROTOCOL_VECTOR,
                "/api/hubs/chat/users/u1/:send")).isInstanceOf(AuthException.class);
    }
}
