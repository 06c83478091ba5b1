package io.hubbub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataTypeTest {

    @Test
    void wireNamesAreTheLowerCaseProtocolNames() {
        assertThat(DataType.TEXT.wireName()).isEqualTo("text");
        assertThat(DataType.JSON.wireName()).isEqualTo("json");
        assertThat(DataType.BINARY.wireName()).isEqualTo("binary");
        assertThat(DataType.PROTOBUF.wireName()).isEqualTo("protobuf");
    }

    @Test
    void fromWireNameInvertsWireName() {
        for (DataType type : DataType.values()) {
            assertThat(DataType.fromWireName(type.wireName())).isSameAs(type);
        }
    }

    @Test
    void fromWireNameIsCaseSensitiveAndReturnsNullWhenUnknown() {
        assertThat(DataType.fromWireName("Text")).isNull();
        assertThat(DataType.fromWireName("JSON")).isNull();
        assertThat(DataType.fromWireName("xml")).isNull();
        assertThat(DataType.fromWireName("")).isNull();
        assertThat(DataType.fromWireName(null)).isNull();
    }
}
