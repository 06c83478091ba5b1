package io.hubbub.chat.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Vectors from PROTOCOL.md §9.5. */
class SignatureVerifierTest {

    @Test
    void matchesThePublishedVectors() {
        assertThat(new SignatureVerifier("7aab239577fd4f24bc919802fb629f5f").sign("0f9c97a2f0bf4706afe87a14e0797b11"))
                .isEqualTo("7767effcb3946f3e1de039df4b986ef02c110b1469d02c0a06f41b3b727ab561");
        assertThat(new SignatureVerifier("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh").sign("conn-1"))
                .isEqualTo("6d7840a7354275219b1cf31966f08133f243902f745117dbe566bd9b74bd6322");
    }

    @Test
    void acceptsOurKeyAmongSeveralInAnyCase() {
        SignatureVerifier v = new SignatureVerifier("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh");
        String ours = "sha256=6d7840a7354275219b1cf31966f08133f243902f745117dbe566bd9b74bd6322";
        assertThat(v.verify("conn-1", ours)).isTrue();
        assertThat(v.verify("conn-1", "sha256=00ff," + ours.toUpperCase().replace("SHA256", "sha256"))).isTrue();
        assertThat(v.verify("conn-1", "sha256=00ff, " + ours)).isTrue();
        assertThat(v.verify("conn-2", ours)).isFalse();
        assertThat(v.verify("conn-1", "sha256=00ff")).isFalse();
        assertThat(v.verify("conn-1", null)).isFalse();
        assertThat(v.verify(null, ours)).isFalse();
    }
}
