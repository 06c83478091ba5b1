package io.hubbub.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HS256 JSON Web Tokens signed with the AccessKeys. nimbus parses; the HMAC is ours because nimbus refuses keys
 * shorter than 256 bits, which the JS and Python SDKs happily use.
 */
public final class Jwt {

    /** Clock skew tolerated on exp/nbf/iat: the Python SDK's REST tokens live only 60 seconds. */
    public static final Duration SKEW = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tokens longer than this are verified every time rather than kept (a bound on the cache's memory). */
    private static final int MAX_CACHED_TOKEN_LENGTH = 4096;

    private final AccessKeys keys;
    private final Clock clock;
    private final VerifiedTokenCache cache = new VerifiedTokenCache(1024);

    public Jwt(AccessKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** Parses and verifies signature and time claims; returns the claims. */
    public JWTClaimsSet verify(String token) throws AuthException {
        JWTClaimsSet claims = cache.get(token);
        if (claims == null) {
            claims = verifySignature(token);
            if (token.length() <= MAX_CACHED_TOKEN_LENGTH) {
                cache.put(token, claims);
            }
        }
        checkTimes(claims);
        return claims;
    }

    /** Parses {@code token} and checks its algorithm and signature; returns its claims. */
    private JWTClaimsSet verifySignature(String token) throws AuthException {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new AuthException("The access token is malformed.");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new AuthException("The access token must be signed with HS256.");
        }
        if (!keys.verifies(jwt.getSigningInput(), jwt.getSignature().decode())) {
            throw new AuthException("The access token signature is invalid.");
        }
        return claims(jwt);
    }

    private void checkTimes(JWTClaimsSet claims) throws AuthException {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AuthException("The access token has no expiry (exp).");
        }
        if (exp.toInstant().isBefore(now.minus(SKEW))) {
            throw new AuthException("The access token has expired.");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(SKEW))) {
            throw new AuthException("The access token is not valid yet (nbf).");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plus(SKEW))) {
            throw new AuthException("The access token was issued in the future (iat).");
        }
    }

    /**
     * The claims; a {@code sub} array of one value (PROTOCOL allows "at most one") is read as that value, which
     * nimbus alone would reject.
     */
    private static JWTClaimsSet claims(SignedJWT jwt) throws AuthException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            Map<String, Object> json = jwt.getPayload().toJSONObject();
            if (json != null && json.get("sub") instanceof List<?> subs) {
                if (subs.size() > 1) {
                    throw new AuthException("The access token has more than one sub claim.");
                }
                Map<String, Object> copy = new HashMap<>(json);
                if (subs.isEmpty()) {
                    copy.remove("sub");
                } else {
                    copy.put("sub", String.valueOf(subs.get(0)));
                }
                try {
                    return JWTClaimsSet.parse(copy);
                } catch (ParseException ignored) {
                    // reported below
                }
            }
            throw new AuthException("The access token claims are malformed.");
        }
    }

    /** Signs {@code claims} (a JSON object) with the primary key, with the header the JS SDK uses. */
    public String sign(Map<String, Object> claims) {
        String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload;
        try {
            payload = base64Url(JSON.writeValueAsBytes(claims));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims are not serializable", e);
        }
        String signingInput = header + "." + payload;
        byte[] sig = keys.signWithPrimary(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64Url(sig);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
