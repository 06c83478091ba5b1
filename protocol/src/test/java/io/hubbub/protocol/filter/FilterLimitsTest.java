package io.hubbub.protocol.filter;

import static io.hubbub.protocol.filter.TestConnection.matches;
import static io.hubbub.protocol.filter.TestConnection.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** At most 100 clauses and 64 nesting levels, so hostile filters cannot exhaust CPU or the stack. */
class FilterLimitsTest {

    private static String clauses(int count, String template) {
        return IntStream.range(0, count).mapToObj(i -> template.replace("#", String.valueOf(i)))
                .collect(Collectors.joining(" or "));
    }

    @Test
    void shouldAcceptOneHundredClauses() {
        String filter = clauses(100, "userId eq 'u#'");
        assertThat(matches(filter, user("u99"))).isTrue();
        assertThat(matches(filter, user("u100"))).isFalse();
    }

    @Test
    void shouldRejectOneHundredAndOneComparisons() {
        String filter = clauses(101, "userId eq 'u#'");
        int lastEq = filter.lastIndexOf(" eq ") + 1;
        assertThatThrownBy(() -> ODataFilter.parse(filter))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessage("Too many clauses: a filter may have at most 100, clause 101 is at position " + lastEq);
    }

    @Test
    void shouldCountInTestsAndBooleanFunctionsAsClauses() {
        assertThatThrownBy(() -> ODataFilter.parse(clauses(101, "'g#' in groups")))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("Too many clauses");
        assertThatThrownBy(() -> ODataFilter.parse(clauses(101, "startswith(userId, '#')")))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("Too many clauses");
        assertThatThrownBy(() -> ODataFilter.parse(clauses(50, "startswith(userId, '#') eq true") + " or true eq true"))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("clause 101");
        assertThat(ODataFilter.parse(clauses(100, "userId in ('#', 'x', 'y', 'z')")).matches(user("42"))).isTrue();
    }

    @Test
    void shouldNotCountNonBooleanFunctionsOrLiterals() {
        String filter = clauses(100, "length(trim(tolower(userId))) eq #") + " or true or false";
        assertThat(matches(filter, user("abc"))).isTrue();
    }

    @Test
    void shouldAcceptSixtyFourNestedParentheses() {
        String filter = "(".repeat(64) + "userId eq 'a'" + ")".repeat(64);
        assertThat(matches(filter, user("a"))).isTrue();
    }

    @Test
    void shouldRejectSixtyFiveNestedParentheses() {
        String filter = "(".repeat(65) + "userId eq 'a'" + ")".repeat(65);
        assertThatThrownBy(() -> ODataFilter.parse(filter))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageStartingWith("Expression nested too deeply at position 64: at most 64 levels");
    }

    @Test
    void shouldLimitNestedNotAndFunctionCalls() {
        assertThat(matches("not ".repeat(64) + "true", user("a"))).isTrue();
        assertThat(matches("not ".repeat(63) + "true", user("a"))).isFalse();
        assertThatThrownBy(() -> ODataFilter.parse("not ".repeat(65) + "true"))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("Expression nested too deeply at position 256");
        String calls = "tolower(".repeat(70) + "userId" + ")".repeat(70) + " eq 'a'";
        assertThatThrownBy(() -> ODataFilter.parse(calls))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("Expression nested too deeply");
    }

    @Test
    void shouldRejectHostileNestingWithoutStackOverflow() {
        String filter = "(".repeat(1_000_000);
        assertThatThrownBy(() -> ODataFilter.parse(filter))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("nested too deeply");
    }
}
