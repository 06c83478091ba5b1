package io.hubbub.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void userIdsAreTrimmedAndChecked() {
        assertThat(Names.userId("  Alice.B-2 ")).isEqualTo("Alice.B-2");
        assertThatThrownBy(() -> Names.userId("a b")).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> Names.userId("a|b")).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> Names.userId("x".repeat(33))).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> Names.userId("SYSTEM")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Names.userId(null)).isInstanceOf(ChatException.class);
    }

    @Test
    void roomNamesAreLowerCaseSlugs() {
        assertThat(Names.room("dev-ops_2")).isEqualTo("dev-ops_2");
        assertThatThrownBy(() -> Names.room("Dev")).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> Names.room("a.b")).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> Names.room("")).isInstanceOf(ChatException.class);
    }

    @Test
    void textsAreNonBlankAndAtMost64KbOfUtf8() {
        assertThat(Names.text("x".repeat(65536))).hasSize(65536);
        ChatException tooLarge = org.junit.jupiter.api.Assertions.assertThrows(ChatException.class,
                () -> Names.text("é".repeat(32769))); // 2 bytes each: 65538 bytes
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(ChatException.class, () -> Names.text(" \n"))
                .status()).isEqualTo(400);
    }

    @Test
    void noncesAreOptionalButShaped() {
        assertThat(Names.nonce(null)).isNull();
        assertThat(Names.nonce("abc_DEF-1")).isEqualTo("abc_DEF-1");
        assertThatThrownBy(() -> Names.nonce("a b")).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> Names.nonce("x".repeat(65))).isInstanceOf(ChatException.class);
    }
}
