package io.hubbub.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void acceptsWellFormedTextOfEveryLength() {
        assertThat(Utf8.isWellFormed("".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isWellFormed("plain ascii".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isWellFormed("é ü ß".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isWellFormed("中文 €".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isWellFormed("emoji 😀 𝄞".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void rejectsMalformedSequences() {
        assertThat(Utf8.isWellFormed(bytes(0xC3))).as("truncated 2-byte").isFalse();
        assertThat(Utf8.isWellFormed(bytes(0xE2, 0x82))).as("truncated 3-byte").isFalse();
        assertThat(Utf8.isWellFormed(bytes(0x80))).as("lone continuation").isFalse();
        assertThat(Utf8.isWellFormed(bytes(0xC0, 0xAF))).as("overlong '/'").isFalse();
        assertThat(Utf8.isWellFormed(bytes(0xE0, 0x80, 0xAF))).as("overlong 3-byte").isFalse();
        assertThat(Utf8.isWellFormed(bytes(0xED, 0xA0, 0x80))).as("surrogate").isFalse();
        assertThat(Utf8.isWellFormed(bytes(0xF4, 0x90, 0x80, 0x80))).as("above U+10FFFF").isFalse();
        assertThat(Utf8.isWellFormed(bytes(0xFF))).as("invalid lead").isFalse();
        assertThat(Utf8.isWellFormed(bytes(0x61, 0xC3, 0x28))).as("bad continuation").isFalse();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
