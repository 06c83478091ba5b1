package io.hubbub.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessKeysTest {

    private static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void shouldProduceTheCeSignatureVectorsOfTheProtocol() {
        assertThat(hex(new AccessKeys("7aab239577fd4f24bc919802fb629f5f", null)
                .signWithPrimary(utf8("0f9c97a2f0bf4706afe87a14e0797b11"))))
                .isEqualTo("7767effcb3946f3e1de039df4b986ef02c110b1469d02c0a06f41b3b727ab561");
        assertThat(hex(new AccessKeys(KEY, null).signWithPrimary(utf8("conn-1"))))
                .isEqualTo("6d7840a7354275219b1cf31966f08133f243902f745117dbe566bd9b74bd6322");
    }

    @Test
    void signWithEachShouldSignWithThePrimaryThenTheSecondary() {
        AccessKeys keys = new AccessKeys(KEY, "7aab239577fd4f24bc919802fb629f5f");

        List<byte[]> signatures = keys.signWithEach(utf8("conn-1"));

        assertThat(signatures).hasSize(2);
        assertThat(hex(signatures.get(0)))
                .isEqualTo("6d7840a7354275219b1cf31966f08133f243902f745117dbe566bd9b74bd6322");
        assertThat(signatures.get(1))
                .isEqualTo(new AccessKeys("7aab239577fd4f24bc919802fb629f5f", null).signWithPrimary(utf8("conn-1")));
    }

    @Test
    void shouldIgnoreAnAbsentOrEmptySecondaryKey() {
        assertThat(new AccessKeys(KEY, null).signWithEach(utf8("c"))).hasSize(1);
        assertThat(new AccessKeys(KEY, "").signWithEach(utf8("c"))).hasSize(1);
    }

    @Test
    void verifiesShouldAcceptASignatureOfEitherKeyOnly() {
        String secondary = "another-key-another-key-another-key!";
        AccessKeys keys = new AccessKeys(KEY, secondary);
        byte[] data = utf8("payload");

        assertThat(keys.verifies(data, new AccessKeys(KEY, null).signWithPrimary(data))).isTrue();
        assertThat(keys.verifies(data, new AccessKeys(secondary, null).signWithPrimary(data))).isTrue();
        assertThat(keys.verifies(data, new AccessKeys("unrelated-key", null).signWithPrimary(data))).isFalse();
        assertThat(keys.verifies(utf8("payload2"), keys.signWithPrimary(data))).isFalse();
        assertThat(keys.verifies(data, new byte[0])).isFalse();
    }

    @Test
    void generateShouldReturnBase64Of32RandomBytes() {
        String a = AccessKeys.generate();
        String b = AccessKeys.generate();

        assertThat(a).hasSize(44);
        assertThat(Base64.getDecoder().decode(a)).hasSize(32);
        assertThat(a).isNotEqualTo(b);
        assertThat(AccessKeys.isShort(a)).isFalse();
    }

    @Test
    void isShortShouldCountUtf8BytesAgainstThe32ByteMinimum() {
        assertThat(AccessKeys.isShort("a".repeat(31))).isTrue();
        assertThat(AccessKeys.isShort("a".repeat(32))).isFalse();
        assertThat(AccessKeys.isShort("é".repeat(16))).as("16 chars, 32 bytes").isFalse();
        assertThat(AccessKeys.isShort("é".repeat(15) + "a")).as("16 chars, 31 bytes").isTrue();
    }
}
