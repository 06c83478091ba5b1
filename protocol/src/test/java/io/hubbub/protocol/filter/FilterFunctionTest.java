package io.hubbub.protocol.filter;

import static io.hubbub.protocol.filter.TestConnection.anonymous;
import static io.hubbub.protocol.filter.TestConnection.matches;
import static io.hubbub.protocol.filter.TestConnection.user;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every built-in function, on a user "Ab Cd" and, for null propagation, on an anonymous connection. */
class FilterFunctionTest {

    private static final TestConnection USER = user(" Ab Cd ", "g1", "g2", "g3");

    private static boolean check(String filter) {
        return matches(filter, USER);
    }

    @Test
    void tolowerAndToupperChangeCase() {
        assertThat(check("tolower(userId) eq ' ab cd '")).isTrue();
        assertThat(check("toupper(userId) eq ' AB CD '")).isTrue();
        assertThat(check("tolower('ÀÉ') eq 'àé'")).isTrue();
        assertThat(check("toupper('i') eq 'I'")).isTrue();   // Locale.ROOT, not Turkish dotted I
        assertThat(matches("tolower(userId) eq 'user1'", user("USER1"))).isTrue();
    }

    @Test
    void trimRemovesSurroundingWhitespace() {
        assertThat(check("trim(userId) eq 'Ab Cd'")).isTrue();
        assertThat(check("trim('   ') eq ''")).isTrue();
        assertThat(check("trim('a') eq 'a'")).isTrue();
    }

    @Test
    void substringTakesStartAndOptionalLength() {
        assertThat(check("substring('abcdef', 2) eq 'cdef'")).isTrue();
        assertThat(check("substring('abcdef', 0) eq 'abcdef'")).isTrue();
        assertThat(check("substring('abcdef', 2, 3) eq 'cde'")).isTrue();
        assertThat(check("substring('abcdef', 1, 0) eq ''")).isTrue();
        assertThat(check("substring(trim(userId), 3, 2) eq 'Cd'")).isTrue();
    }

    @Test
    void substringClampsOutOfRangeArguments() {
        assertThat(check("substring('abc', 3) eq ''")).isTrue();
        assertThat(check("substring('abc', 10) eq ''")).isTrue();
        assertThat(check("substring('abc', -2) eq 'abc'")).isTrue();
        assertThat(check("substring('abc', 1, 10) eq 'bc'")).isTrue();
        assertThat(check("substring('abc', 1, -1) eq ''")).isTrue();
        assertThat(check("substring('abc', 9223372036854775807, 9223372036854775807) eq ''")).isTrue();
        assertThat(check("substring('abc', -9223372036854775808, 9223372036854775807) eq 'abc'")).isTrue();
    }

    @Test
    void concatJoinsTwoStrings() {
        assertThat(check("concat('a', 'b') eq 'ab'")).isTrue();
        assertThat(check("concat(concat(trim(userId), '@'), 'x') eq 'Ab Cd@x'")).isTrue();
        assertThat(check("concat('', '') eq ''")).isTrue();
        assertThat(matches("concat(userId, connectionId) eq 'uconn-u'", user("u"))).isTrue();
    }

    @Test
    void indexofFindsFirstOccurrenceOrMinusOne() {
        assertThat(check("indexof(userId, 'Cd') eq 4")).isTrue();
        assertThat(check("indexof(userId, 'cd') eq -1")).isTrue();
        assertThat(check("indexof('abab', 'b') eq 1")).isTrue();
        assertThat(check("indexof('abc', '') eq 0")).isTrue();
        assertThat(check("indexof(userId, 'zz') lt 0")).isTrue();
    }

    @Test
    void lengthMeasuresStringsAndGroups() {
        assertThat(check("length(userId) eq 7")).isTrue();
        assertThat(check("length('') eq 0")).isTrue();
        assertThat(check("length('it''s') eq 4")).isTrue();
        assertThat(check("length('😀') eq 2")).isTrue();   // UTF-16 code units, as .NET
        assertThat(check("length(groups) eq 3")).isTrue();
        assertThat(matches("length(groups) eq 0", user("u"))).isTrue();
        assertThat(matches("length(groups) eq 0", anonymous("c"))).isTrue();
    }

    @Test
    void startswithEndswithContainsAreBooleans() {
        assertThat(check("startswith(userId, ' Ab')")).isTrue();
        assertThat(check("startswith(userId, 'Ab')")).isFalse();
        assertThat(check("endswith(userId, 'Cd ')")).isTrue();
        assertThat(check("endswith(userId, 'cd ')")).isFalse();
        assertThat(check("contains(userId, 'b C')")).isTrue();
        assertThat(check("contains(userId, 'x')")).isFalse();
        assertThat(check("contains(userId, '')")).isTrue();
        assertThat(check("startswith(connectionId, 'conn-') and not contains(userId, 'x')")).isTrue();
    }

    @Test
    void functionNamesAreCaseInsensitive() {
        assertThat(check("TOLOWER(userId) eq ' ab cd '")).isTrue();
        assertThat(check("SubString('abc', 1) eq 'bc'")).isTrue();
        assertThat(check("IndexOf(userId, 'A') eq 1")).isTrue();
        assertThat(check("StartsWith(userId, ' ')")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tolower(userId)", "toupper(userId)", "trim(userId)",
        "substring(userId, 1)", "substring(userId, 1, 2)", "substring('abc', null)", "substring('abc', 1, null)",
        "concat(userId, 'a')", "concat('a', userId)", "concat(null, 'a')",
        "indexof(userId, 'a')", "indexof('a', userId)",
        "length(userId)", "length(null)", "tolower(tolower(userId))", "length(concat(userId, 'x'))",
    })
    void functionsOfNullGiveNull(String call) {
        TestConnection anon = anonymous("c");
        assertThat(matches(call + " eq null", anon)).as(call).isTrue();
        assertThat(matches(call + " ne null", anon)).as(call).isFalse();
        assertThat(matches(call + " in (null)", anon)).as(call).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "startswith(userId, 'a')", "endswith(userId, 'a')", "contains(userId, 'a')",
        "startswith('a', userId)", "contains(null, 'a')",
    })
    void booleanFunctionsOfNullAreUnknown(String call) {
        TestConnection anon = anonymous("c");
        assertThat(matches(call, anon)).as(call).isFalse();
        assertThat(matches("not " + call, anon)).as(call).isFalse();
        assertThat(matches(call + " eq null", anon)).as(call).isTrue();
    }

    @Test
    void orderingOnNullFunctionResultIsFalse() {
        TestConnection anon = anonymous("c");
        assertThat(matches("length(userId) gt 0", anon)).isFalse();
        assertThat(matches("length(userId) le 0", anon)).isFalse();
        assertThat(matches("indexof(userId, 'x') lt 0", anon)).isFalse();
        assertThat(matches("tolower(userId) ge ''", anon)).isFalse();
    }
}
