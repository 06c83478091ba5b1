package io.hubbub.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8State} against the JDK's strict UTF-8 decoder, which follows RFC 3629 too. */
class Utf8StateTest {

    /** Bytes around every boundary of the well-formed ranges. */
    private static final int[] EDGES = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
        0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean accepts(byte[] bytes) {
        int state = Utf8State.ACCEPT;
        for (byte b : bytes) {
            state = Utf8State.next(state, b);
        }
        return state == Utf8State.ACCEPT;
    }

    private static void assertAgreesWithJdk(byte[] bytes) {
        assertThat(accepts(bytes)).as("%s", java.util.HexFormat.of().formatHex(bytes)).isEqualTo(jdkAccepts(bytes));
    }

    @Test
    void shouldAgreeWithTheJdkOnEveryOneAndTwoByteSequence() {
        for (int a = 0; a < 256; a++) {
            assertAgreesWithJdk(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                assertAgreesWithJdk(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void shouldAgreeWithTheJdkOnThreeAndFourByteSequencesAroundTheEdges() {
        for (int a = 0xC0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : EDGES) {
                    assertAgreesWithJdk(new byte[] {(byte) a, (byte) b, (byte) c});
                    if (a >= 0xF0) {
                        for (int d : EDGES) {
                            assertAgreesWithJdk(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldAgreeWithTheJdkOnRandomText() {
        Random random = new Random(42);
        String alphabet = "aZ9 é€😀\u0800\uFFFD\uD7FF\uE000";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(accepts(bytes)).isTrue();
            if (bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256); // maybe broken now
                assertAgreesWithJdk(bytes);
            }
        }
    }

    @Test
    void rejectionShouldStick() {
        int state = Utf8State.next(Utf8State.ACCEPT, (byte) 0xFF);

        assertThat(state).isEqualTo(Utf8State.REJECT);
        assertThat(Utf8State.next(state, (byte) 'a')).isEqualTo(Utf8State.REJECT);
    }
}
