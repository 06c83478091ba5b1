package io.hubbub.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"chat", "Chat", "c", "hub_1", "a`b,c.d[e]f", "CHAT.v2"})
    void shouldAcceptValidHubNamesAndLowerCaseThem(String hub) {
        assertThat(Names.isValidHub(hub)).isTrue();
        assertThat(Names.hub(hub)).isEqualTo(hub.toLowerCase(Locale.ROOT));
    }

    @Test
    void shouldAcceptHubNamesUpTo128Characters() {
        assertThat(Names.isValidHub("h" + "x".repeat(127))).isTrue();
        assertThat(Names.isValidHub("h" + "x".repeat(128))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1chat", "_chat", "chat-room", "chat room", "chat/x", "chat%20", "ch@t", "chät",
            "chat\n"})
    void shouldRejectInvalidHubNamesWith400(String hub) {
        assertThat(Names.isValidHub(hub)).isFalse();
        assertThatThrownBy(() -> Names.hub(hub))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST));
    }

    @Test
    void shouldRejectANullHub() {
        assertThat(Names.isValidHub(null)).isFalse();
        assertThatThrownBy(() -> Names.hub(null)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"g", "grp #1", " padded ", "a.b.c", "ÜnïcødÉ", "*"})
    void shouldAcceptGroupNamesAsTheyAre(String group) {
        assertThat(Names.groupProblem(group)).isNull();
        assertThat(Names.group(group)).isEqualTo(group);
    }

    @Test
    void shouldAcceptGroupNamesUpTo1024Characters() {
        assertThat(Names.groupProblem("g".repeat(1024))).isNull();
        assertThat(Names.groupProblem("g".repeat(1025))).contains("1024");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\t", " \n "})
    void shouldRejectWhitespaceOnlyGroupNames(String group) {
        assertThat(Names.groupProblem(group)).contains("whitespace");
        assertThatThrownBy(() -> Names.group(group)).isInstanceOf(ApiException.class);
    }

    @Test
    void shouldRejectEmptyAndNullGroupNames() {
        assertThat(Names.groupProblem("")).contains("empty");
        assertThat(Names.groupProblem(null)).contains("empty");
        assertThatThrownBy(() -> Names.group(""))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST));
    }
}
