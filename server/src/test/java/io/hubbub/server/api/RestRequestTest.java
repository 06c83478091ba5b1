package io.hubbub.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class RestRequestTest {

    static RestRequest request(HttpMethod method, String uri) {
        return new RestRequest(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER),
                "http");
    }

    static RestRequest post(String uri) {
        return request(HttpMethod.POST, uri);
    }

    @Test
    void shouldSplitTheRawPathBeforeDecodingEachSegmentOnce() {
        RestRequest r = post("/api/hubs/chat/users/user%20a%2Fb%3Fc/:send?api-version=2024-01-01");

        assertThat(r.rawPath()).isEqualTo("/api/hubs/chat/users/user%20a%2Fb%3Fc/:send");
        assertThat(r.segments()).containsExactly("api", "hubs", "chat", "users", "user a/b?c", ":send");
    }

    @Test
    void shouldDecodeEachSegmentExactlyOnce() {
        assertThat(post("/api/hubs/chat/groups/grp%20%231/:send").segments())
                .containsExactly("api", "hubs", "chat", "groups", "grp #1", ":send");
        assertThat(post("/api/hubs/chat/groups/a%252Fb/:send").segments().get(4)).isEqualTo("a%2Fb");
        assertThat(post("/api/hubs/chat/users/%C3%A9t%C3%A9/:send").segments().get(4)).isEqualTo("été");
    }

    @Test
    void shouldKeepPlusAsPlusInPathSegments() {
        assertThat(post("/api/hubs/chat/users/a+b/:send").segments().get(4)).isEqualTo("a+b");
        assertThat(post("/api/hubs/chat/users/a%2Bb/:send").segments().get(4)).isEqualTo("a+b");
    }

    @Test
    void shouldKeepTheLiteralColonOfActionSegments() {
        assertThat(post("/api/hubs/chat/:closeConnections").segments()).containsExactly("api", "hubs", "chat",
                ":closeConnections");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/hubs/chat/users/%zz/:send", "/api/hubs/chat/users/a%/:send",
            "/api/hubs/chat/users/a%2/:send", "/api/hubs/chat/users/%G1/:send"})
    void shouldAnswer400ForBadPercentEncodingInThePath(String uri) {
        assertThatThrownBy(() -> post(uri))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
                    assertThat(e.code()).isEqualTo(ErrorBody.BAD_REQUEST);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/hubs/chat/:send?excluded=%zz", "/api/hubs/chat/:send?excluded=a%"})
    void shouldAnswer400ForBadPercentEncodingInTheQuery(String uri) {
        assertThatThrownBy(() -> post(uri))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST));
    }

    @Test
    void listShouldAcceptRepeatedParameters() {
        assertThat(post("/api/hubs/chat/:send?excluded=c1&excluded=c2").list("excluded")).containsExactly("c1", "c2");
    }

    @Test
    void listShouldAcceptCommaSeparatedValuesAndMixes() {
        assertThat(post("/api/hubs/chat/:send?excluded=c1,c2").list("excluded")).containsExactly("c1", "c2");
        assertThat(post("/api/hubs/chat/:send?excluded=c1%2Cc2&excluded=c3").list("excluded"))
                .containsExactly("c1", "c2", "c3");
        assertThat(post("/api/hubs/chat/:send?excluded=c1,,%20c2%20,&excluded=").list("excluded"))
                .as("empty entries dropped, entries trimmed").containsExactly("c1", "c2");
    }

    @Test
    void listShouldBeEmptyWhenAbsent() {
        assertThat(post("/api/hubs/chat/:send").list("excluded")).isEmpty();
        assertThat(post("/api/hubs/chat/:send?api-version=1").list("excluded")).isEmpty();
    }

    @Test
    void parametersShouldBeMatchedCaseInsensitively() {
        RestRequest r = post("/api/hubs/chat/:generateToken?UserId=u1&ROLE=r1&role=r2");

        assertThat(r.param("userId")).isEqualTo("u1");
        assertThat(r.list("Role")).containsExactly("r1", "r2");
    }

    @Test
    void paramShouldReturnTheLastValueDecoded() {
        RestRequest r = post("/api/hubs/chat/:send?filter=userId%20ne%20%27u1%27&reason=a&reason=b");

        assertThat(r.param("filter")).isEqualTo("userId ne 'u1'");
        assertThat(r.param("reason")).isEqualTo("b");
        assertThat(r.param("absent")).isNull();
    }

    @Test
    void intParamShouldReturnValuesWithinInclusiveBounds() {
        assertThat(post("/x?messageTtlSeconds=0").intParam("messageTtlSeconds", 0, 300, 7)).isZero();
        assertThat(post("/x?messageTtlSeconds=300").intParam("messageTtlSeconds", 0, 300, 7)).isEqualTo(300);
        assertThat(post("/x?messageTtlSeconds=%2042%20").intParam("messageTtlSeconds", 0, 300, 7)).isEqualTo(42);
    }

    @Test
    void intParamShouldFallBackWhenAbsentOrEmpty() {
        assertThat(post("/x").intParam("minutesToExpire", 1, Integer.MAX_VALUE, 60)).isEqualTo(60);
        assertThat(post("/x?minutesToExpire=").intParam("minutesToExpire", 1, Integer.MAX_VALUE, 60)).isEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "301", "abc", "1.5", "99999999999", "0x10"})
    void intParamShouldAnswer400OutsideTheBoundsOrForNonIntegers(String value) {
        RestRequest r = post("/x?messageTtlSeconds=" + value);

        assertThatThrownBy(() -> r.intParam("messageTtlSeconds", 0, 300, 0))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST))
                .hasMessageContaining("messageTtlSeconds")
                .hasMessageContaining(value);
    }

    @Test
    void shouldExposeMethodHeadersAndBody() {
        DefaultFullHttpRequest raw = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/x",
                Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));
        raw.headers().set("Host", "pubsub.example.com:8443");
        RestRequest r = new RestRequest(raw, "https");

        assertThat(r.method()).isEqualTo(HttpMethod.PUT);
        assertThat(r.body()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(r.body()).as("reading the body does not consume it").isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(r.origin()).isEqualTo("https://pubsub.example.com:8443");
        assertThat(post("/x").origin()).isEqualTo("http://localhost");
        raw.release();
    }
}
