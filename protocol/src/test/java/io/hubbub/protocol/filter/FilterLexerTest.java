package io.hubbub.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterLexerTest {

    @Test
    void shouldSplitTokensWithPositions() {
        List<Token> tokens = FilterLexer.tokenize("userId in ('a', -12)");
        assertThat(tokens)
                .extracting(Token::kind, Token::position, Token::text, Token::value)
                .containsExactly(
                        tuple(Token.Kind.WORD, 0, "userId", null),
                        tuple(Token.Kind.WORD, 7, "in", null),
                        tuple(Token.Kind.LEFT_PAREN, 10, "(", null),
                        tuple(Token.Kind.STRING, 11, "'a'", "a"),
                        tuple(Token.Kind.COMMA, 14, ",", null),
                        tuple(Token.Kind.INTEGER, 16, "-12", -12L),
                        tuple(Token.Kind.RIGHT_PAREN, 19, ")", null),
                        tuple(Token.Kind.END, 20, "", null));
    }

    @Test
    void shouldDecodeDoubledQuotes() {
        assertThat(FilterLexer.tokenize("'it''s' '''' '' 'a''''b'"))
                .extracting(Token::value)
                .containsExactly("it's", "'", "", "a''b", null);
    }

    @Test
    void shouldKeepWhitespaceAndKeywordsInsideStrings() {
        assertThat(FilterLexer.tokenize("' and ( or ) '").get(0).value()).isEqualTo(" and ( or ) ");
    }

    @Test
    void shouldReadSignedIntegersOnlyWhenTheSignTouchesTheDigits() {
        assertThat(FilterLexer.tokenize("+7 -0 42")).extracting(Token::value).containsExactly(7L, 0L, 42L, null);
    }

    @Test
    void shouldReadWordsWithDigitsAndUnderscores() {
        assertThat(FilterLexer.tokenize("_a1 B2c")).extracting(Token::text).containsExactly("_a1", "B2c", "");
    }

    @Test
    void shouldDescribeTokensForMessages() {
        List<Token> tokens = FilterLexer.tokenize(") 'x' 5");
        assertThat(tokens).extracting(Token::describe).containsExactly(
                "token ')' at position 0",
                "string literal 'x' at position 2",
                "number 5 at position 6",
                "end of expression at position 7");
    }
}
