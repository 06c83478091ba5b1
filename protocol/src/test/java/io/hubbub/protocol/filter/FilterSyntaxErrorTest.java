package io.hubbub.protocol.filter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input is rejected at parse time with a message that names the token, position or type. */
class FilterSyntaxErrorTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\r\n"})
    void shouldRejectEmptyExpression(String filter) {
        assertThatThrownBy(() -> ODataFilter.parse(filter))
                .isInstanceOf(FilterSyntaxException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Filter expression is empty");
    }

    static Stream<Arguments> lexicalErrors() {
        return Stream.of(
                arguments("userId eq 'abc", "Unterminated string literal starting at position 10"),
                arguments("'", "Unterminated string literal starting at position 0"),
                arguments("userId eq 'it''s", "Unterminated string literal starting at position 10"),
                arguments("userId eq 'a''", "Unterminated string literal starting at position 10"),
                arguments("userId eq \"a\"",
                        "Unexpected character '\"' at position 10: string literals are enclosed in single quotes"),
                arguments("userId == 'a'", "Unexpected character '=' at position 7: use the operators eq"),
                arguments("userId eq 'a' && true", "Unexpected character '&' at position 14"),
                arguments("length(userId) gt 1.5", "Unexpected character '.' at position 19: only integer"),
                arguments("userId eq 'a' # x", "Unexpected character '#' at position 14"),
                arguments("userId eq - 1", "Unexpected character '-' at position 10"),
                arguments("userId eq 'a' and 'g' in grоups", "Unexpected character 'о' at position 27"),
                arguments("length(userId) gt 99999999999999999999",
                        "Integer literal '99999999999999999999' at position 18 is out of range"),
                arguments("length(userId) gt -9223372036854775809", "Integer literal '-9223372036854775809'"));
    }

    static Stream<Arguments> grammarErrors() {
        return Stream.of(
                arguments("userId eq 'user1')",
                        "Unexpected token ')' at position 17, expected 'and', 'or' or end of expression"),
                arguments("(userId eq 'user1'))", "Unexpected token ')' at position 19"),
                arguments(")", "Unexpected token ')' at position 0, expected a value"),
                arguments("userId eq", "Unexpected end of expression at position 9, expected a value"),
                arguments("userId eq 'a' and", "Unexpected end of expression at position 17"),
                arguments("userId eq 'a' or ", "Unexpected end of expression at position 17"),
                arguments("and userId eq 'a'", "Unexpected token 'and' at position 0, expected a value"),
                arguments("userId eq eq 'a'", "Unexpected token 'eq' at position 10"),
                arguments("userId eq 'a' or or true", "Unexpected token 'or' at position 17"),
                arguments("userId 'a'", "Unexpected string literal 'a' at position 7"),
                arguments("userId eq 'a' 5", "Unexpected number 5 at position 14"),
                arguments("userId eq 'a' userId eq 'b'", "Unexpected token 'userId' at position 14"),
                arguments("userId eq 'a',", "Unexpected token ',' at position 13"),
                arguments("(userId eq 'a'", "Expected ')' to close '(' at position 0, found end of expression"),
                arguments("((userId eq 'a') and true", "Expected ')' to close '(' at position 0"),
                arguments("(userId eq 'a' true)", "Expected ')' to close '(' at position 0, found token 'true'"),
                arguments("()", "Unexpected token ')' at position 1, expected a value"),
                arguments("tolower(userId eq 'a'", "Expected ',' or ')' in the arguments of 'tolower'"),
                arguments("concat('a' 'b') eq 'ab'", "found string literal 'b' at position 11"),
                arguments("tolower(,)", "Unexpected token ',' at position 8"),
                arguments("userId in ('a' 'b')", "Expected ',' or ')' in the 'in' list opened at position 10"),
                arguments("userId in ('a',)", "Unexpected token ')' at position 15"),
                arguments("userId in ()", "Empty 'in' list at position 10"),
                arguments("userId in", "Unexpected end of expression at position 9"),
                arguments("userId(1) eq 'a'", "Unexpected token '(' at position 6"),
                arguments("foo eq 'a'", "Unknown identifier 'foo' at position 0"),
                arguments("userId eq 'a' and group eq 'g'", "Unknown identifier 'group' at position 18"),
                arguments("user_id eq 'a'", "Unknown identifier 'user_id'"),
                arguments("bar(userId)", "Unknown function 'bar' at position 0"),
                arguments("matchesPattern(userId, 'a')", "Unknown function 'matchesPattern' at position 0"),
                arguments("tolower eq 'a'", "Expected '(' after function 'tolower' at position 0"),
                arguments("not", "Unexpected end of expression at position 3"),
                arguments("not not", "Unexpected end of expression at position 7"));
    }

    static Stream<Arguments> typeErrors() {
        return Stream.of(
                arguments("not length(userId) gt 5",
                        "Invalid syntax for 'not length(userId)': Type 'int', expect 'bool'."),
                arguments("userId", "Invalid syntax for 'userId': Type 'string', expect 'bool'."),
                arguments("length(userId)", "Invalid syntax for 'length(userId)': Type 'int', expect 'bool'."),
                arguments("groups", "Invalid syntax for 'groups': Type 'collection', expect 'bool'."),
                arguments("null", "Invalid syntax for 'null': Type 'null', expect 'bool'."),
                arguments("'true'", "Invalid syntax for ''true'': Type 'string', expect 'bool'."),
                arguments("(1)", "Invalid syntax for '(1)': Type 'int', expect 'bool'."),
                arguments("not 5", "Invalid syntax for 'not 5': Type 'int', expect 'bool'."),
                arguments("not null", "Invalid syntax for 'not null': Type 'null', expect 'bool'."),
                arguments("not 'g' in groups", "Invalid syntax for 'not 'g'': Type 'string', expect 'bool'."),
                arguments("userId and true", "Invalid syntax for 'userId and true': Type 'string', expect 'bool'."),
                arguments("true and userId", "Invalid syntax for 'true and userId': Type 'string', expect 'bool'."),
                arguments("true and false or 5", "Invalid syntax for 'true and false or 5': Type 'int'"),
                arguments("true or false or null", "Invalid syntax for 'false or null': Type 'null', expect 'bool'."),
                arguments("userId eq 1", "Invalid syntax for 'userId eq 1': Cannot compare type 'string' with "
                        + "type 'int'."),
                arguments("1 lt 'a'", "Cannot compare type 'int' with type 'string'"),
                arguments("userId eq true", "Cannot compare type 'string' with type 'bool'"),
                arguments("userId eq 'a' eq 'b'", "Invalid syntax for 'userId eq 'a' eq 'b'': Cannot compare "
                        + "type 'bool' with type 'string'."),
                arguments("userId gt true", "Operator 'gt' cannot be applied to type 'bool'"),
                arguments("true le false", "Operator 'le' cannot be applied to type 'bool'"),
                arguments("groups eq 'a'", "Operator 'eq' cannot be applied to type 'collection'"),
                arguments("groups ne null", "Operator 'ne' cannot be applied to type 'collection'"),
                arguments("'a' in userId", "Invalid syntax for ''a' in userId': Type 'string', expect 'collection'."),
                arguments("userId in 'a'", "Type 'string', expect 'collection'"),
                arguments("1 in groups", "Invalid syntax for '1 in groups': Type 'int', expect 'string'."),
                arguments("userId in ('a', 1)", "Type 'int' of '1', expect 'string'"),
                arguments("length(userId) in ('a')", "Type 'string' of ''a'', expect 'int'"),
                arguments("userId in ('a', groups)", "Type 'collection' cannot be used in an 'in' list"),
                arguments("groups in ('a')", "Type 'collection' cannot be used in an 'in' list"),
                arguments("tolower()", "Function 'tolower' expects 1 argument but got 0."),
                arguments("tolower(userId, 'a') eq 'a'", "Function 'tolower' expects 1 argument but got 2."),
                arguments("trim(1) eq 'a'", "Invalid syntax for 'trim(1)': Type 'int', expect 'string' for "
                        + "argument 1."),
                arguments("toupper(groups) eq 'a'", "Type 'collection', expect 'string' for argument 1"),
                arguments("substring(userId) eq 'a'", "Function 'substring' expects 2 or 3 arguments but got 1."),
                arguments("substring(userId, 1, 2, 3) eq 'a'", "expects 2 or 3 arguments but got 4"),
                arguments("substring(userId, '1') eq 'a'", "Type 'string', expect 'int' for argument 2"),
                arguments("substring(userId, 1, true) eq 'a'", "Type 'bool', expect 'int' for argument 3"),
                arguments("substring(userId, 1) eq 1", "Cannot compare type 'string' with type 'int'"),
                arguments("concat(userId) eq 'a'", "Function 'concat' expects 2 arguments but got 1."),
                arguments("concat(userId, 1) eq 'a'", "Type 'int', expect 'string' for argument 2"),
                arguments("indexof(userId, 'a') eq 'a'", "Cannot compare type 'int' with type 'string'"),
                arguments("indexof(userId) eq 1", "Function 'indexof' expects 2 arguments but got 1."),
                arguments("length(1) eq 1", "Type 'int', expect 'string' or 'collection' for argument 1"),
                arguments("length(userId, groups) eq 1", "Function 'length' expects 1 argument but got 2."),
                arguments("length(groups) eq '3'", "Cannot compare type 'int' with type 'string'"),
                arguments("startswith(userId)", "Function 'startswith' expects 2 arguments but got 1."),
                arguments("endswith(userId, 1)", "Type 'int', expect 'string' for argument 2"),
                arguments("contains(groups, 'a')", "Type 'collection', expect 'string' for argument 1"),
                arguments("contains(userId, 'a') gt false", "Operator 'gt' cannot be applied to type 'bool'"),
                arguments("tolower(startswith(userId, 'a')) eq 'a'", "Type 'bool', expect 'string'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource({"lexicalErrors", "grammarErrors", "typeErrors"})
    void shouldRejectWithUsefulMessage(String filter, String expectedMessagePart) {
        assertThatThrownBy(() -> ODataFilter.parse(filter))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining(expectedMessagePart);
    }

    @Test
    void shouldShortenLongExpressionsInTypeErrors() {
        String longName = "x".repeat(500);
        assertThatThrownBy(() -> ODataFilter.parse("userId eq '" + longName + "' and 1"))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageStartingWith("Invalid syntax for 'userId eq 'xxx")
                .hasMessageContaining("...': Type 'int', expect 'bool'.")
                .hasMessageNotContaining(longName);
    }
}
