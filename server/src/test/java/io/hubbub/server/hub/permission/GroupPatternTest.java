package io.hubbub.server.hub.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GroupPatternTest {

    private static boolean matches(String pattern, String group) {
        return GroupPattern.compile(pattern).matches(group);
    }

    // The examples of PROTOCOL.md §8.1.

    @Test
    void starShouldNotCrossDots() {
        assertThat(matches("chat-*", "chat-1")).isTrue();
        assertThat(matches("chat-*", "chat.1")).isFalse();
    }

    @Test
    void starShouldMatchOneLevelOnly() {
        assertThat(matches("clientA.*", "clientA.alpha")).isTrue();
        assertThat(matches("clientA.*", "clientA.alpha.room1")).isFalse();
    }

    @Test
    void doubleStarShouldMatchAnyDepth() {
        assertThat(matches("clientA.**", "clientA.alpha")).isTrue();
        assertThat(matches("clientA.**", "clientA.alpha.room1")).isTrue();
    }

    @Test
    void questionMarkShouldMatchExactlyOneNonDotCharacter() {
        assertThat(matches("clientA.rooms.?1", "clientA.rooms.a1")).isTrue();
        assertThat(matches("clientA.rooms.?1", "clientA.rooms.1")).isFalse();
    }

    @Test
    void escapedStarShouldMatchOnlyItself() {
        GroupPattern pattern = GroupPattern.compile("literal\\*star");
        assertThat(pattern.matches("literal*star")).isTrue();
        assertThat(pattern.matches("literalstar")).isFalse();
        assertThat(pattern.matches("literalXstar")).isFalse();
        assertThat(pattern.matches("literal\\*star")).isFalse();
        assertThat(pattern.literalOrNull()).isEqualTo("literal*star");
    }

    // Further semantics.

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "chat-*        | chat-         | true",
            "*             | abc           | true",
            "*             | a.b           | false",
            "*.*           | a.b           | true",
            "*.*           | .             | true",
            "*.*           | a.b.c         | false",
            "**            | a.b.c         | true",
            "a.**          | a.            | true",
            "a.**          | a             | false",
            "a.**.z        | a.z           | false",
            "a.**.z        | a..z          | true",
            "a.**.z        | a.b.c.z       | true",
            "**.z          | a.b.z         | true",
            "**.z          | a.b.y         | false",
            "a*b*c         | abc           | true",
            "a*b*c         | a-b-c         | true",
            "a*b*c         | a-b.c         | false",
            "a*b*c         | axxbyybzzc    | true",
            "a*b*c         | acb           | false",
            "??            | ab            | true",
            "??            | a             | false",
            "??            | abc           | false",
            "?             | .             | false",
            "a?c           | a.c           | false",
            "Chat          | chat          | false",
            "chat-*        | Chat-1        | false",
            "room          | room          | true",
            "room          | room1         | false",
            "room          | roo           | false",
            "*-*-*-*-*     | a-b-c-d-e     | true",
            "*-*-*-*-*     | ----          | true",
            "*-*-*-*-*     | a-b-c-d       | false",
            "**.?x*        | p.q.ax        | true",
            "**.?x*        | p.q.axyz      | true",
            "**.?x*        | p.q.x         | false",
    })
    void shouldMatchAsDocumented(String pattern, String group, boolean expected) {
        assertThat(matches(pattern, group)).isEqualTo(expected);
    }

    @Test
    void escapesShouldMakeWildcardsAndBackslashLiteral() {
        assertThat(matches("a\\?b", "a?b")).isTrue();
        assertThat(matches("a\\?b", "axb")).isFalse();
        assertThat(matches("a\\\\b", "a\\b")).isTrue();
        assertThat(matches("a\\\\*", "a\\xyz")).isTrue();
        assertThat(matches("a\\\\*", "a\\x.z")).isFalse();
        assertThat(matches("\\*\\*", "**")).isTrue();
        assertThat(matches("\\*\\*", "ab")).isFalse();
        assertThat(matches("a\\**", "a*b")).isTrue();
        assertThat(matches("a\\**", "ab")).isFalse();
    }

    @Test
    void escapedOrdinaryCharacterShouldBeThatCharacter() {
        assertThat(matches("a\\.b", "a.b")).isTrue();
        assertThat(matches("\\x", "x")).isTrue();
        assertThat(matches("\\x", "\\x")).isFalse();
    }

    @Test
    void emptyPatternShouldMatchOnlyEmptyString() {
        GroupPattern pattern = GroupPattern.compile("");
        assertThat(pattern.matches("")).isTrue();
        assertThat(pattern.matches("a")).isFalse();
    }

    @Test
    void shouldNotMatchNull() {
        assertThat(GroupPattern.compile("**").matches(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*****", "**.**.*", "a*b*c*d*e*", "*.*.*.*.*", "\\*\\*\\*\\*\\*\\*a*", "?????????????"})
    void shouldAcceptUpToFiveStars(String pattern) {
        assertThat(GroupPattern.compile(pattern).source()).isEqualTo(pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"******", "**.**.**", "a*b*c*d*e*f*", "***.***", "*.*.*.*.*.*", "**.**.*.*"})
    void shouldRejectMoreThanFiveStars(String pattern) {
        assertThatThrownBy(() -> GroupPattern.compile(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\", "abc\\", "a*\\", "a\\\\\\"})
    void shouldRejectDanglingBackslash(String pattern) {
        assertThatThrownBy(() -> GroupPattern.compile(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dangling");
    }

    @Test
    void shouldRejectNullPattern() {
        assertThatThrownBy(() -> GroupPattern.compile(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void literalOrNullShouldBeNullWhenPatternHasWildcards() {
        assertThat(GroupPattern.compile("a?").literalOrNull()).isNull();
        assertThat(GroupPattern.compile("a*").literalOrNull()).isNull();
        assertThat(GroupPattern.compile("a.b").literalOrNull()).isEqualTo("a.b");
    }

    @Test
    @Timeout(5)
    void hostilePatternShouldNotBacktrackExponentially() {
        GroupPattern pattern = GroupPattern.compile("**a**a*b");
        String group = "a".repeat(1024);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(pattern.matches(group)).isFalse();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldMatchLongGroups() {
        String group = "x".repeat(500) + "." + "y".repeat(523);
        assertThat(group).hasSize(1024);
        assertThat(matches("x*.y*", group)).isTrue();
        assertThat(matches("x*", group)).isFalse();
        assertThat(matches("**y", group)).isTrue();
    }

    @Test
    void shouldCompareBySource() {
        assertThat(GroupPattern.compile("a*")).isEqualTo(GroupPattern.compile("a*"))
                .hasSameHashCodeAs(GroupPattern.compile("a*"))
                .isNotEqualTo(GroupPattern.compile("a**"))
                .hasToString("a*");
    }
}
