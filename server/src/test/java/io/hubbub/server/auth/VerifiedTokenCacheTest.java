package io.hubbub.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    @Test
    void shouldReturnTheClaimsOfAVerifiedTokenOnlyForTheSameBytes() {
        VerifiedTokenCache cache = new VerifiedTokenCache(4);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1").build();

        cache.put("a.b.c", claims);

        assertThat(cache.get("a.b.c")).isSameAs(claims);
        assertThat(cache.get("a.b.d")).isNull();
    }

    @Test
    void shouldNeverHoldMoreThanItsCapacity() {
        VerifiedTokenCache cache = new VerifiedTokenCache(3);
        for (int i = 0; i < 10; i++) {
            cache.put("token-" + i, new JWTClaimsSet.Builder().build());
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.get("token-9")).isNotNull();
    }
}
