package io.hubbub.server.auth;

import static io.hubbub.server.auth.TestTokens.JAVA_HEADER;
import static io.hubbub.server.auth.TestTokens.KEY;
import static io.hubbub.server.auth.TestTokens.SECONDARY_KEY;
import static io.hubbub.server.auth.TestTokens.b64;
import static io.hubbub.server.auth.TestTokens.hs256;
import static io.hubbub.server.auth.TestTokens.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtTest {

    /** PROTOCOL.md §3.1 test vector: JS-style header, aud with query, exp 1800000000. */
    static final String PROTOCOL_VECTOR = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjgwODAvYXBpL2h1YnMvY2hhdC86c2VuZD9hcGktdmVyc2lvbj0yMDI0LTEyLTAxIiwiZXhwIjoxODAwMDAwMDAwfQ."
            + "PxlGUQuXHiiXmCxPUPqgt98dKEILfsMXUUJRvOf3vL0";

    static final long NOW = 1_700_000_000L;
    static final long SKEW = Jwt.SKEW.toSeconds();

    private static Jwt jwt(String primary, String secondary, long nowEpochSecond) {
        return new Jwt(new AccessKeys(primary, secondary), Clock.fixed(Instant.ofEpochSecond(nowEpochSecond),
                ZoneOffset.UTC));
    }

    private static Jwt jwt() {
        return jwt(KEY, SECONDARY_KEY, NOW);
    }

    private static String claims(String extra) {
        return "{\"aud\":\"http://localhost:8080/api/hubs/chat\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Test
    void shouldVerifyTheProtocolTestVectorBeforeItExpires() throws Exception {
        JWTClaimsSet claims = jwt(KEY, null, 1_799_999_999L).verify(PROTOCOL_VECTOR);

        assertThat(claims.getAudience())
                .containsExactly("http://localhost:8080/api/hubs/chat/:send?api-version=2024-12-01");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
    }

    @Test
    void shouldRejectTheProtocolTestVectorOnceExpiredBeyondTheSkew() {
        assertThatThrownBy(() -> jwt(KEY, null, 1_800_000_000L + SKEW + 1).verify(PROTOCOL_VECTOR))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void shouldUseTheUtf8BytesOfTheKeyNotItsBase64Decoding() {
        // KEY is valid base64; a verifier that decoded it would reject the vector.
        String decodedKey = new String(Base64.getDecoder().decode(KEY), StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> jwt(decodedKey, null, NOW).verify(PROTOCOL_VECTOR))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void shouldAcceptTokensSignedWithThePrimaryOrTheSecondaryKey() throws Exception {
        String exp = "\"exp\":" + (NOW + 3600);

        assertThat(jwt().verify(hs256(claims(exp), KEY)).getAudience())
                .containsExactly("http://localhost:8080/api/hubs/chat");
        assertThat(jwt().verify(hs256(claims(exp), SECONDARY_KEY)).getAudience())
                .containsExactly("http://localhost:8080/api/hubs/chat");
    }

    @Test
    void shouldRejectATokenSignedWithAnotherKey() {
        String token = hs256(claims("\"exp\":" + (NOW + 3600)), "some-other-key-of-at-least-thirty-two-bytes");

        assertThatThrownBy(() -> jwt().verify(token))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> jwt(KEY, null, NOW).verify(hs256(claims("\"exp\":" + (NOW + 3600)),
                SECONDARY_KEY)))
                .as("the secondary key is not accepted when it is not configured")
                .isInstanceOf(AuthException.class);
    }

    @Test
    void shouldRejectATamperedPayload() {
        String token = hs256(claims("\"exp\":" + (NOW + 3600)), KEY);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + b64(claims("\"exp\":" + (NOW + 7200))) + "." + parts[2];

        assertThatThrownBy(() -> jwt().verify(forged))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void shouldAcceptTheJavaSdkHeaderWithoutTyp() throws Exception {
        String token = signed(JAVA_HEADER, claims("\"exp\":" + (NOW + 3600)), KEY, "HmacSHA256");

        assertThat(jwt().verify(token).getAudience()).containsExactly("http://localhost:8080/api/hubs/chat");
    }

    @Test
    void shouldRejectHs512EvenWithAValidSignature() {
        String token = signed("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims("\"exp\":" + (NOW + 3600)), KEY,
                "HmacSHA512");

        assertThatThrownBy(() -> jwt().verify(token))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("HS256");
    }

    @Test
    void shouldRejectAnUnsecuredToken() {
        String body = b64(claims("\"exp\":" + (NOW + 3600)));
        String none = b64("{\"alg\":\"none\"}");

        assertThatThrownBy(() -> jwt().verify(none + "." + body + "."))
                .isInstanceOf(AuthException.class);
        // the same unsecured header carrying the signature of a valid HS256 token
        String validSignature = hs256(claims("\"exp\":" + (NOW + 3600)), KEY).split("\\.")[2];
        assertThatThrownBy(() -> jwt().verify(none + "." + body + "." + validSignature))
                .isInstanceOf(AuthException.class);
    }

    @Test
    void shouldRejectATokenWithoutExp() {
        assertThatThrownBy(() -> jwt().verify(hs256(claims(""), KEY)))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("exp");
    }

    @Test
    void shouldTolerateFiveMinutesOfClockSkewOnExp() throws Exception {
        assertThat(jwt().verify(hs256(claims("\"exp\":" + (NOW - SKEW + 1)), KEY))).isNotNull();
        assertThat(jwt().verify(hs256(claims("\"exp\":" + (NOW - 60)), KEY)))
                .as("a Python token that expired a minute ago")
                .isNotNull();

        assertThatThrownBy(() -> jwt().verify(hs256(claims("\"exp\":" + (NOW - SKEW - 1)), KEY)))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void shouldTolerateFiveMinutesOfClockSkewOnNbf() throws Exception {
        String exp = "\"exp\":" + (NOW + 3600);
        assertThat(jwt().verify(hs256(claims(exp + ",\"nbf\":" + (NOW + SKEW - 1)), KEY))).isNotNull();

        assertThatThrownBy(() -> jwt().verify(hs256(claims(exp + ",\"nbf\":" + (NOW + SKEW + 1)), KEY)))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("nbf");
    }

    @Test
    void shouldTolerateFiveMinutesOfClockSkewOnIat() throws Exception {
        String exp = "\"exp\":" + (NOW + 3600);
        assertThat(jwt().verify(hs256(claims(exp + ",\"iat\":" + (NOW + SKEW - 1)), KEY))).isNotNull();
        assertThat(jwt().verify(hs256(claims(exp + ",\"iat\":" + (NOW - 86_400)), KEY))).isNotNull();

        assertThatThrownBy(() -> jwt().verify(hs256(claims(exp + ",\"iat\":" + (NOW + SKEW + 1)), KEY)))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("iat");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.!!!.abc", "a.b.c.d.e.f"})
    void shouldRejectMalformedTokens(String token) {
        assertThatThrownBy(() -> jwt().verify(token)).isInstanceOf(AuthException.class);
    }

    @Test
    void shouldRejectCorrectlySignedClaimsThatAreNotAJsonObject() {
        assertThatThrownBy(() -> jwt().verify(hs256("[1,2,3]", KEY)))
                .isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> jwt().verify(hs256(claims("\"exp\":\"tomorrow\""), KEY)))
                .isInstanceOf(AuthException.class);
    }

    @Test
    void signShouldRoundTripThroughVerify() throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "http://localhost:8080/client/hubs/chat");
        claims.put("exp", NOW + 3600);
        claims.put("sub", "u1");
        claims.put("role", List.of("webpubsub.sendToGroup"));

        String token = jwt().sign(claims);
        JWTClaimsSet verified = jwt().verify(token);

        assertThat(verified.getAudience()).containsExactly("http://localhost:8080/client/hubs/chat");
        assertThat(verified.getExpirationTime().toInstant()).isEqualTo(Instant.ofEpochSecond(NOW + 3600));
        assertThat(verified.getSubject()).isEqualTo("u1");
        assertThat(verified.getStringListClaim("role")).containsExactly("webpubsub.sendToGroup");
    }

    @Test
    void signShouldUseTheJsHeaderAndThePrimaryKey() throws Exception {
        String token = jwt().sign(Map.of("exp", NOW + 60));

        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(jwt(KEY, null, NOW).verify(token)).isNotNull();
        assertThatThrownBy(() -> jwt(SECONDARY_KEY, null, NOW).verify(token))
                .isInstanceOf(AuthException.class);
    }

    @Test
    void signShouldWorkWithKeysShorterThan256Bits() throws Exception {
        // nimbus's MACSigner refuses these; the JS and Python SDKs accept them, so Hubbub must too
        Jwt shortKey = jwt("short", null, NOW);

        assertThat(shortKey.verify(shortKey.sign(Map.of("exp", NOW + 60))).getExpirationTime()).isNotNull();
        assertThat(shortKey.verify(hs256("{\"exp\":" + (NOW + 60) + "}", "short"))).isNotNull();
    }

    @Test
    void shouldCheckTimeClaimsOnEveryUseOfAnAlreadyVerifiedToken() throws Exception {
        String token = hs256(claims("\"exp\":" + (NOW + 60)), KEY);
        MutableClock clock = new MutableClock(NOW);
        Jwt verifier = new Jwt(new AccessKeys(KEY, null), clock);

        assertThat(verifier.verify(token).getExpirationTime().toInstant()).isEqualTo(Instant.ofEpochSecond(NOW + 60));
        assertThat(verifier.verify(token).getExpirationTime().toInstant()).isEqualTo(Instant.ofEpochSecond(NOW + 60));
        clock.now = Instant.ofEpochSecond(NOW + 60 + SKEW + 1);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void shouldRejectATamperedCopyOfAnAlreadyVerifiedToken() throws Exception {
        String token = hs256(claims("\"exp\":" + (NOW + 60)), KEY);
        Jwt verifier = jwt();
        verifier.verify(token);
        String otherSignature = token.substring(0, token.lastIndexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

        assertThatThrownBy(() -> verifier.verify(otherSignature)).isInstanceOf(AuthException.class)
                .hasMessageContaining("signature");
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(long epochSecond) {
            now = Instant.ofEpochSecond(epochSecond);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
