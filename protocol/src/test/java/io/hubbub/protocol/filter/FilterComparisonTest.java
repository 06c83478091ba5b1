package io.hubbub.protocol.filter;

import static io.hubbub.protocol.filter.TestConnection.anonymous;
import static io.hubbub.protocol.filter.TestConnection.matches;
import static io.hubbub.protocol.filter.TestConnection.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Operators, literals, {@code in}, and case rules. */
class FilterComparisonTest {

    @ParameterizedTest(name = "{0} for userId ''{1}'' is {2}")
    @CsvSource(delimiter = '|', value = {
        "userId eq 'b'  | b  | true",
        "userId ne 'b'  | b  | false",
        "userId gt 'a'  | b  | true",
        "userId gt 'b'  | b  | false",
        "userId ge 'b'  | b  | true",
        "userId lt 'b'  | b  | false",
        "userId lt 'c'  | b  | true",
        "userId le 'b'  | b  | true",
        "userId gt 'B'  | b  | true",     // ordinal: 'B' (66) < 'b' (98)
        "userId lt 'a'  | Z  | true",     // ordinal: 'Z' (90) < 'a' (97)
        "userId gt 'ab' | b  | true",     // lexicographic, not by length
        "userId gt 'b'  | ba | true",     // a proper prefix sorts first
        "userId lt '10' | 9  | false",    // strings, not numbers
        "userId eq 'B'  | b  | false",    // values are case-sensitive
        "userId lt 'é'  | z  | true",     // UTF-16 code units
    })
    void shouldCompareStringsOrdinally(String filter, String userId, boolean expected) {
        assertThat(matches(filter, user(userId))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "length(userId) eq 5        | true",
        "length(userId) ne 5        | false",
        "length(userId) gt 4        | true",
        "length(userId) gt 5        | false",
        "length(userId) ge 5        | true",
        "length(userId) lt 10       | true",   // numeric: 5 < 10 although '5' > '10'
        "length(userId) le 4        | false",
        "length(userId) gt -1       | true",
        "length(userId) eq +5       | true",
        "-3 lt 2                    | true",
        "9223372036854775807 gt -9223372036854775808 | true",
        "1 eq 1                     | true",
        "1 eq 01                    | true",
    })
    void shouldCompareIntegersNumerically(String filter, boolean expected) {
        assertThat(matches(filter, user("abcde"))).isEqualTo(expected);
    }

    @Test
    void shouldCompareBooleansWithEqAndNe() {
        assertThat(matches("startswith(userId, 'a') eq true", user("abc"))).isTrue();
        assertThat(matches("startswith(userId, 'a') eq false", user("abc"))).isFalse();
        assertThat(matches("startswith(userId, 'a') ne true", user("xbc"))).isTrue();
        assertThat(matches("true eq true", user("u"))).isTrue();
        assertThat(matches("userId eq 'a' eq false", user("b"))).isTrue();   // (userId eq 'a') eq false
    }

    @Test
    void shouldHandleNullInEqualityAndOrdering() {
        TestConnection anon = anonymous("c");
        assertThat(matches("userId eq null", anon)).isTrue();
        assertThat(matches("userId ne null", anon)).isFalse();
        assertThat(matches("userId eq 'a'", anon)).isFalse();
        assertThat(matches("userId ne 'a'", anon)).isTrue();
        assertThat(matches("null eq null", anon)).isTrue();
        assertThat(matches("null ne null", anon)).isFalse();
        assertThat(matches("connectionId eq null", anon)).isFalse();
        for (String op : new String[] {"gt", "ge", "lt", "le"}) {
            assertThat(matches("userId " + op + " 'a'", anon)).as(op).isFalse();
            assertThat(matches("'a' " + op + " userId", anon)).as(op).isFalse();
            assertThat(matches("userId " + op + " null", user("a"))).as(op).isFalse();
            assertThat(matches("length(userId) " + op + " 0", anon)).as(op).isFalse();
            assertThat(matches("null " + op + " null", anon)).as(op).isFalse();
        }
        // ordering is false, not unknown, so its negation is true
        assertThat(matches("not (userId gt 'a')", anon)).isTrue();
    }

    @Test
    void shouldTestMembershipInLists() {
        assertThat(matches("userId in ('a', 'b')", user("b"))).isTrue();
        assertThat(matches("userId in ('a', 'b')", user("c"))).isFalse();
        assertThat(matches("userId in ('a')", user("a"))).isTrue();
        assertThat(matches("userId in ('a', 'a')", user("a"))).isTrue();
        assertThat(matches("userId in ('it''s')", user("it's"))).isTrue();
        assertThat(matches("userId in ('a', 'b')", anonymous("c"))).isFalse();
        assertThat(matches("userId in ('a', null)", anonymous("c"))).isTrue();
        assertThat(matches("userId in (null)", user("a"))).isFalse();
        assertThat(matches("length(userId) in (1, 3, 5)", user("abc"))).isTrue();
        assertThat(matches("length(userId) in (1, 3, 5)", user("ab"))).isFalse();
        assertThat(matches("startswith(userId, 'a') in (true)", user("ab"))).isTrue();
        assertThat(matches("'x' in ('x', 'y')", user("u"))).isTrue();
    }

    @Test
    void shouldTestMembershipInListsOfComputedValues() {
        assertThat(matches("userId in (connectionId, 'z')", new TestConnection("c1", "c1", Set.of()))).isTrue();
        assertThat(matches("userId in (connectionId, 'z')", new TestConnection("c1", "u1", Set.of()))).isFalse();
        assertThat(matches("'ABC' in (toupper(userId), 'x')", user("abc"))).isTrue();
        assertThat(matches("userId in (tolower(userId), null)", anonymous("c"))).isTrue();
        assertThat(matches("userId in ((('a')), ('b'))", user("b"))).isTrue();
    }

    @Test
    void shouldTestMembershipInGroups() {
        TestConnection c = user("u1", "g1", "G2", "it's");
        assertThat(matches("'g1' in groups", c)).isTrue();
        assertThat(matches("'G1' in groups", c)).isFalse();
        assertThat(matches("'g2' in groups", c)).isFalse();
        assertThat(matches("'it''s' in groups", c)).isTrue();
        assertThat(matches("userId in groups", user("g1", "g1"))).isTrue();
        assertThat(matches("userId in groups", anonymous("c", "g1"))).isFalse();
        assertThat(matches("null in groups", c)).isFalse();
        assertThat(matches("tolower('G2') in groups", c)).isFalse();
        assertThat(matches("toupper('g2') in groups", c)).isTrue();
        assertThat(matches("'g1' in groups eq true", c)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "USERID eq 'u1'",
        "UserId EQ 'u1'",
        "userid Eq 'u1' AND 'g1' IN GROUPS",
        "ConnectionId NE 'x' and 'g1' in Groups",
        "NOT (userId Ne 'u1') Or FALSE",
        "userId GT null OR TRUE",
        "userId NE NULL",
        "ToLower(userId) eq 'u1' and STARTSWITH(userId, 'u') and Length(GROUPS) ge 1",
        "userId IN ('u1')",
    })
    void shouldMatchNamesAndKeywordsCaseInsensitively(String filter) {
        assertThat(matches(filter, user("u1", "g1"))).isTrue();
    }

    @Test
    void shouldAcceptFlexibleWhitespace() {
        assertThat(matches("\tuserId\neq\r\n'u1'  ", user("u1"))).isTrue();
        assertThat(matches("userId eq'u1'", user("u1"))).isTrue();
        assertThat(matches("(userId eq 'u1')and('g' in groups)", user("u1", "g"))).isTrue();
        assertThat(matches("tolower ( userId ) eq 'u1'", user("u1"))).isTrue();
        assertThat(matches("userId in('u1','u2')", user("u2"))).isTrue();
    }

    @Test
    void shouldUseThreeValuedLogicForUnknownBooleans() {
        TestConnection anon = anonymous("c");
        // startswith(null, ...) is unknown: it matches neither itself nor its negation
        assertThat(matches("startswith(userId, 'a')", anon)).isFalse();
        assertThat(matches("not startswith(userId, 'a')", anon)).isFalse();
        assertThat(matches("startswith(userId, 'a') eq null", anon)).isTrue();
        assertThat(matches("startswith(userId, 'a') or true", anon)).isTrue();
        assertThat(matches("true or startswith(userId, 'a')", anon)).isTrue();
        assertThat(matches("startswith(userId, 'a') and false", anon)).isFalse();
        assertThat(matches("startswith(userId, 'a') and true", anon)).isFalse();
        assertThat(matches("not (startswith(userId, 'a') and false)", anon)).isTrue();
        assertThat(matches("not (startswith(userId, 'a') or false)", anon)).isFalse();
        assertThat(matches("userId eq null or not startswith(userId, 'a')", anon)).isTrue();
    }

    @Test
    void shouldFlattenLongChainsWithoutDeepRecursion() {
        StringBuilder filter = new StringBuilder("false");
        for (int i = 0; i < 5_000; i++) {
            filter.append(" or false");
        }
        filter.append(" or 'g' in groups");
        assertThat(matches(filter.toString(), user("u", "g"))).isTrue();
        assertThat(matches(filter.toString(), user("u"))).isFalse();
    }
}
