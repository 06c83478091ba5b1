package io.hubbub.protocol.filter;

import static io.hubbub.protocol.filter.TestConnection.anonymous;
import static io.hubbub.protocol.filter.TestConnection.matches;
import static io.hubbub.protocol.filter.TestConnection.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The examples and rules of PROTOCOL.md §4.7, and the public API contract. */
class ODataFilterExamplesTest {

    @Test
    void shouldMatchEitherGroup() {
        String filter = "'group1' in groups or 'group2' in groups";
        assertThat(matches(filter, user("u", "group1"))).isTrue();
        assertThat(matches(filter, user("u", "group2", "x"))).isTrue();
        assertThat(matches(filter, user("u", "group3"))).isFalse();
        assertThat(matches(filter, user("u"))).isFalse();
    }

    @Test
    void shouldMatchUserListAndGroup() {
        String filter = "userId in ('user1', 'user2') and 'group1' in groups";
        assertThat(matches(filter, user("user1", "group1"))).isTrue();
        assertThat(matches(filter, user("user2", "group1", "g"))).isTrue();
        assertThat(matches(filter, user("user1", "group2"))).isFalse();
        assertThat(matches(filter, user("user3", "group1"))).isFalse();
        assertThat(matches(filter, anonymous("c1", "group1"))).isFalse();
    }

    @Test
    void shouldMatchUserNotInGroup() {
        String filter = "userId eq 'user1' and (not ('group1' in groups))";
        assertThat(matches(filter, user("user1"))).isTrue();
        assertThat(matches(filter, user("user1", "group2"))).isTrue();
        assertThat(matches(filter, user("user1", "group1"))).isFalse();
        assertThat(matches(filter, user("user2"))).isFalse();
    }

    @Test
    void shouldUnescapeDoubledQuote() {
        assertThat(matches("userId eq 'user''1'", user("user'1"))).isTrue();
        assertThat(matches("userId eq 'user''1'", user("user1"))).isFalse();
        assertThat(matches("userId eq 'user''''1'", user("user''1"))).isTrue();
        assertThat(matches("userId eq ''''", user("'"))).isTrue();
        assertThat(matches("userId eq ''", user(""))).isTrue();
    }

    @Test
    void shouldBindAndTighterThanOr() {
        String filter = "length(userId) gt 0 and length(userId) lt 3 or length(userId) gt 7";
        String grouped = "(length(userId) gt 0 and length(userId) lt 3) or length(userId) gt 7";
        String wrong = "length(userId) gt 0 and (length(userId) lt 3 or length(userId) gt 7)";
        for (String id : List.of("a", "ab", "abc", "abcdefg", "abcdefgh")) {
            TestConnection c = user(id);
            assertThat(matches(filter, c)).as(id).isEqualTo(matches(grouped, c));
        }
        assertThat(matches(filter, user("ab"))).isTrue();
        assertThat(matches(filter, user("abcd"))).isFalse();
        assertThat(matches(filter, user("abcdefgh"))).isTrue();
        // the two groupings differ only when a is false and c is true, impossible with lengths; use booleans
        assertThat(matches("false and true or true", user("u"))).isTrue();
        assertThat(matches("false and (true or true)", user("u"))).isFalse();
        assertThat(matches("true or true and false", user("u"))).isTrue();
        assertThat(matches("(true or true) and false", user("u"))).isFalse();
    }

    @Test
    void shouldBindNotTighterThanAndOr() {
        assertThat(matches("not false and false", user("u"))).isFalse();
        assertThat(matches("not (false and false)", user("u"))).isTrue();
        assertThat(matches("not true or true", user("u"))).isTrue();
        assertThat(matches("not not true", user("u"))).isTrue();
    }

    @Test
    void shouldRejectNotAppliedToNonBooleanLikeTheCloud() {
        assertThatThrownBy(() -> ODataFilter.parse("not length(userId) gt 5"))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessage("Invalid syntax for 'not length(userId)': Type 'int', expect 'bool'.");
        assertThat(matches("not (length(userId) gt 5)", user("abc"))).isTrue();
        assertThat(matches("not (length(userId) gt 5)", user("abcdef"))).isFalse();
    }

    @Test
    void shouldRejectNotBeforeInWithoutParentheses() {
        assertThatThrownBy(() -> ODataFilter.parse("not 'g' in groups"))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessage("Invalid syntax for 'not 'g'': Type 'string', expect 'bool'.");
    }

    @Test
    void shouldSelectAnonymousConnectionsWithNullUserId() {
        assertThat(matches("userId eq null", anonymous("c1"))).isTrue();
        assertThat(matches("userId eq null", user("u1"))).isFalse();
        assertThat(matches("userId ne null", user("u1"))).isTrue();
        assertThat(matches("null eq userId", anonymous("c1"))).isTrue();
    }

    @Test
    void shouldMatchConnectionId() {
        TestConnection c = new TestConnection("abc-123", "u", Set.of());
        assertThat(matches("connectionId eq 'abc-123'", c)).isTrue();
        assertThat(matches("connectionId eq 'ABC-123'", c)).isFalse();
        assertThat(matches("connectionId in ('x', 'abc-123')", c)).isTrue();
    }

    @Test
    void shouldKeepExpressionVerbatim() {
        String text = "  userId eq 'a'  ";
        ODataFilter filter = ODataFilter.parse(text);
        assertThat(filter.expression()).isEqualTo(text);
        assertThat(filter.toString()).isEqualTo(text);
    }

    @Test
    void shouldMatchLiteralBooleanFilters() {
        assertThat(matches("true", user("u"))).isTrue();
        assertThat(matches("false", user("u"))).isFalse();
        assertThat(matches("(true)", anonymous("c"))).isTrue();
    }

    @Test
    void shouldTreatNullGroupsAsEmpty() {
        TestConnection c = new TestConnection("c", "u", null);
        assertThat(matches("'g' in groups", c)).isFalse();
        assertThat(matches("length(groups) eq 0", c)).isTrue();
    }

    @Test
    void shouldSeeLiveGroupChangesBecauseGroupsAreReadAtMatchTime() {
        Set<String> groups = new HashSet<>();
        TestConnection c = new TestConnection("c", "u", groups);
        ODataFilter filter = ODataFilter.parse("'g' in groups");
        assertThat(filter.matches(c)).isFalse();
        groups.add("g");
        assertThat(filter.matches(c)).isTrue();
    }

    @Test
    void shouldBeSafeToShareBetweenThreads() throws Exception {
        ODataFilter filter = ODataFilter.parse(
                "startswith(userId, 'user') and (indexof(userId, '7') ge 0 or 'even' in groups)");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int count = 0;
                    for (int i = 0; i < 10_000; i++) {
                        TestConnection c = i % 2 == 0 ? user("user" + i, "even") : user("user" + i);
                        if (filter.matches(c)) {
                            count++;
                        }
                    }
                    return count;
                }));
            }
            int expected = 0;
            for (int i = 0; i < 10_000; i++) {
                if (i % 2 == 0 || String.valueOf(i).contains("7")) {
                    expected++;
                }
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
