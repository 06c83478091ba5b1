package io.hubbub.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.rest.ErrorBody;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadReaderTest {

    private static Payload read(String contentType, byte[] body) {
        DefaultFullHttpRequest raw = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/api/hubs/chat/:send", Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            raw.headers().set("Content-Type", contentType);
        }
        return PayloadReader.read(new RestRequest(raw, "http"));
    }

    private static Payload read(String contentType, String body) {
        return read(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/plain; charset=utf-8", "TEXT/PLAIN", "Text/Plain;charset=UTF-8",
            "text/plain ; foo=bar"})
    void shouldReadTextPlainAsText(String contentType) {
        assertThat(read(contentType, "héllo")).isEqualTo(Payload.text("héllo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON"})
    void shouldReadApplicationJsonAsJsonUnchanged(String contentType) {
        String json = "{ \"b\" : 2,\n \"a\":[1, 2.50, \"x\"] }";

        Payload payload = read(contentType, json);

        assertThat(payload.type()).isEqualTo(DataType.JSON);
        assertThat(new String(payload.data(), StandardCharsets.UTF_8)).as("not normalised").isEqualTo(json);
    }

    @Test
    void shouldPassADoubleEncodedJsonStringThrough() {
        String doubleEncoded = "\"{\\\"from\\\": \\\"u1\\\", \\\"text\\\": \\\"hello\\\"}\"";

        assertThat(read("application/json", doubleEncoded)).isEqualTo(Payload.json(
                doubleEncoded.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "null", "true", "\"s\"", "[]", "  {}  \n"})
    void shouldAcceptAnySingleJsonValue(String json) {
        assertThat(read("application/json", json).type()).isEqualTo(DataType.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{a:1}", "{\"a\":1", "{\"a\":1}}", "{\"a\":1} {\"b\":2}", "1 2", "[1,]",
            "'single'", "hello", "NaN"})
    void shouldAnswer400ForInvalidJson(String json) {
        assertThatThrownBy(() -> read("application/json", json))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
                    assertThat(e.code()).isEqualTo(ErrorBody.BAD_REQUEST);
                });
    }

    @Test
    void shouldReadOctetStreamAsBinary() {
        byte[] bytes = {0, 1, 2, (byte) 0xFF};

        assertThat(read("application/octet-stream", bytes)).isEqualTo(Payload.binary(bytes));
        assertThat(read("Application/Octet-Stream; foo=bar", bytes)).isEqualTo(Payload.binary(bytes));
    }

    @Test
    void shouldReadAMissingOrEmptyContentTypeAsBinary() {
        byte[] bytes = {(byte) 0xC3, 0x28};

        assertThat(read(null, bytes)).isEqualTo(Payload.binary(bytes));
        assertThat(read("", bytes)).as("Java SDK's empty Content-Type").isEqualTo(Payload.binary(bytes));
        assertThat(read(null, new byte[0])).isEqualTo(Payload.binary(new byte[0]));
    }

    @Test
    void shouldAcceptAnEmptyTextBody() {
        assertThat(read("text/plain", "")).isEqualTo(Payload.text(""));
    }

    @Test
    void shouldAnswer400ForTextThatIsNotUtf8() {
        assertThatThrownBy(() -> read("text/plain", new byte[] {(byte) 0xC3, 0x28}))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html", "application/x-protobuf", "multipart/form-data",
            "text/plainx", "application/jsonp"})
    void shouldAnswer415ForOtherMediaTypes(String contentType) {
        assertThatThrownBy(() -> read(contentType, "x"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE);
                    assertThat(e.code()).isEqualTo(ErrorBody.UNSUPPORTED_MEDIA_TYPE);
                })
                .hasMessageContaining(contentType);
    }
}
