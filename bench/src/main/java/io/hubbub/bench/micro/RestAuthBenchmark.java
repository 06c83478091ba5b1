package io.hubbub.bench.micro;

import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.auth.AuthException;
import io.hubbub.server.auth.Jwt;
import io.hubbub.server.auth.RestTokenVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The bearer-token check every REST call starts with. {@code repeatedToken}: the same token again, as the SDKs send
 * for every call to one URL within a second (their {@code iat}/{@code exp} have second resolution) and as
 * long-lived tokens do; {@code distinctTokens}: more distinct tokens than the verified-token cache holds, so each
 * call pays the full parse and HMAC.
 */
@State(Scope.Benchmark)
public class RestAuthBenchmark extends AbstractMicrobenchmark {

    private static final String KEY = "bench-access-key-0123456789-abcdefghijklmnop";
    private static final String PATH = "/api/hubs/bench/users/user-42/:send";
    private static final int DISTINCT = 4096;

    private RestTokenVerifier verifier;
    private String repeated;
    private final String[] distinct = new String[DISTINCT];
    private int next;

    @Setup
    public void setUp() {
        Jwt jwt = new Jwt(new AccessKeys(KEY, null), Clock.systemUTC());
        verifier = new RestTokenVerifier(jwt);
        long now = Instant.now().getEpochSecond();
        repeated = "Bearer " + jwt.sign(claims(now, now + 3600));
        for (int i = 0; i < DISTINCT; i++) {
            distinct[i] = "Bearer " + jwt.sign(claims(now, now + 3600 + i));
        }
    }

    private static Map<String, Object> claims(long iat, long exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "http://127.0.0.1:8080/api/hubs/bench/users/user-42/:send?api-version=2024-12-01");
        claims.put("iat", iat);
        claims.put("exp", exp);
        return claims;
    }

    @Benchmark
    public void repeatedToken() throws AuthException {
        verifier.verify(repeated, PATH);
    }

    @Benchmark
    public void distinctTokens() throws AuthException {
        String token = distinct[next];
        next = (next + 1) % DISTINCT;
        verifier.verify(token, PATH);
    }
}
