package io.hubbub.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionCookiesTest {

    final AtomicLong now = new AtomicLong(1_800_000_000L);
    final SessionCookies cookies = new SessionCookies("a-secret-of-enough-length", false, now::get);

    @Test
    void anIssuedCookieNamesItsUser() {
        Cookie c = cookies.issue("Zoë.x");
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(c.getSameSite()).isEqualTo(SameSite.LAX);
        assertThat(cookies.verify(c.getValue())).contains("Zoë.x");
    }

    @Test
    void tamperedForeignOrMalformedCookiesAreIgnored() {
        String value = cookies.issue("alice").getValue();
        String forgedUser = value.replaceFirst("^[^.]+", "Ym9i"); // "bob"
        assertThat(cookies.verify(forgedUser)).isEmpty();
        assertThat(cookies.verify(value.substring(0, value.length() - 2) + "xx")).isEmpty();
        assertThat(new SessionCookies("another-secret-entirely", false, now::get).verify(value)).isEmpty();
        assertThat(cookies.verify(null)).isEmpty();
        assertThat(cookies.verify("")).isEmpty();
        assertThat(cookies.verify("abc")).isEmpty();
        assertThat(cookies.verify("a.b")).isEmpty();
        assertThat(cookies.verify("!!.notanumber.sig")).isEmpty();
    }

    @Test
    void cookiesExpireAfterThirtyDays() {
        String value = cookies.issue("alice").getValue();
        now.addAndGet(SessionCookies.LIFETIME.toSeconds());
        assertThat(cookies.verify(value)).contains("alice");
        now.incrementAndGet();
        assertThat(cookies.verify(value)).isEmpty();
    }

    @Test
    void secureFollowsTheSchemeAndSignOutClears() {
        assertThat(new SessionCookies("a-secret-of-enough-length", true, now::get).issue("a").getSecure()).isTrue();
        assertThat(cookies.cleared().getMaxAge()).isZero();
    }
}
