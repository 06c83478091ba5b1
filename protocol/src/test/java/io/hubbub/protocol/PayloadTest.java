package io.hubbub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void textIsUtf8Encoded() {
        Payload p = Payload.text("héllo 😀");
        assertThat(p.type()).isEqualTo(DataType.TEXT);
        assertThat(p.data()).isEqualTo("héllo 😀".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void factoriesSetTheType() {
        assertThat(Payload.json("{}".getBytes(StandardCharsets.UTF_8)).type()).isEqualTo(DataType.JSON);
        assertThat(Payload.binary(new byte[] {1, 2}).type()).isEqualTo(DataType.BINARY);
    }

    @Test
    void textAndJsonGoToSimpleClientsAsTextFrames() {
        assertThat(Payload.text("x").isTextFrame()).isTrue();
        assertThat(Payload.json(new byte[] {'1'}).isTextFrame()).isTrue();
        assertThat(Payload.binary(new byte[] {1}).isTextFrame()).isFalse();
        assertThat(new Payload(DataType.PROTOBUF, new byte[] {1}).isTextFrame()).isFalse();
    }

    @Test
    void equalityComparesContentNotArrayIdentity() {
        assertThat(Payload.binary(new byte[] {1, 2, 3})).isEqualTo(Payload.binary(new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(Payload.binary(new byte[] {1, 2, 3}));
        assertThat(Payload.binary(new byte[] {1})).isNotEqualTo(Payload.binary(new byte[] {2}));
        assertThat(Payload.binary(new byte[] {'1'})).isNotEqualTo(Payload.json(new byte[] {'1'}));
    }

    @Test
    void toStringShowsSizeNotContent() {
        assertThat(Payload.text("secret")).hasToString("Payload[type=TEXT, 6 bytes]");
    }

    @Test
    void rejectsNulls() {
        assertThatNullPointerException().isThrownBy(() -> new Payload(null, new byte[0]));
        assertThatNullPointerException().isThrownBy(() -> new Payload(DataType.TEXT, null));
    }
}
