package io.hubbub.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AckIdScannerTest {

    private static Long find(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return AckIdScanner.find(b, 0, b.length);
    }

    @Test
    void findsATopLevelAckIdWithWhitespace() {
        assertThat(find("{ \"ackId\"\n:\t 17 , broken")).isEqualTo(17L);
        assertThat(find("{\"ackId\":0}")).isZero();
    }

    @Test
    void respectsTheRangeOfAnOffsetSlice() {
        byte[] b = "{\"ackId\":12345}".getBytes(StandardCharsets.UTF_8);
        assertThat(AckIdScanner.find(b, 0, 11)).isEqualTo(12L);
    }

    @Test
    void ignoresNestedKeysKeysInsideStringsAndStringValues() {
        assertThat(find("{\"a\":[{\"ackId\":1}]")).isNull();
        assertThat(find("{\"a\":\"ackId\":2}")).isEqualTo(2L); // a value string followed by ':' is already broken JSON
        assertThat(find("{\"b\":\"x\\\"ackId\\\":3\"")).isNull();
        assertThat(find("[\"ackId\":4]")).isNull();
    }

    @Test
    void skipsAnInvalidOccurrenceAndTakesALaterValidOne() {
        assertThat(find("{\"ackId\":x,\"ackId\":5}")).isEqualTo(5L);
    }

    @Test
    void rejectsNonIntegerValues() {
        assertThat(find("{\"ackId\":1e2}")).isNull();
        assertThat(find("{\"ackId\":-1}")).isNull();
        assertThat(find("{\"ackId\":null}")).isNull();
        assertThat(find("{\"ackId\"")).isNull();
        assertThat(find("{\"ackI")).isNull();
        assertThat(find("")).isNull();
    }
}
