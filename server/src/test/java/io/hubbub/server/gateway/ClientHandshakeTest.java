package io.hubbub.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.server.api.RestApiHandler;
import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.auth.ClientTokenIssuer;
import io.hubbub.server.auth.ClientTokenVerifier;
import io.hubbub.server.auth.Jwt;
import io.hubbub.server.auth.ReconnectionTokens;
import io.hubbub.server.auth.RestTokenVerifier;
import io.hubbub.server.config.HubSettings;
import io.hubbub.server.config.ServerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade through the real gateway pipeline ({@link GatewayInitializer}) on an embedded channel: raw HTTP bytes
 * in, raw HTTP response and WebSocket frames out.
 */
class ClientHandshakeTest {

    private static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private static final Jwt JWT = new Jwt(new AccessKeys(KEY, null), CLOCK);

    private final GatewayFixture fixture = new GatewayFixture();
    private final ServerConfig config = ServerConfig.builder().primaryKey(KEY)
            .hubs(Map.of("open", new HubSettings(true, 20))).build();
    private final GatewayInitializer initializer = new Gateway(config, fixture.hub, fixture.backplane,
            fixture.upstream, new ClientTokenVerifier(JWT, null),
            new ReconnectionTokens(new AccessKeys(KEY, null), CLOCK),
            new RestApiHandler(new RestTokenVerifier(JWT), fixture.backplane, new ClientTokenIssuer(JWT, CLOCK), null))
            .initializer();
    private final EmbeddedChannel channel = fixture.loop.newChannel(initializer);

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static String token(String userId, List<String> groups) {
        return new ClientTokenIssuer(JWT, CLOCK).issue("http://localhost:8080/client/hubs/chat", userId, List.of(),
                groups, Duration.ofHours(1));
    }

    private String upgrade(String uri, String... extraHeaderLines) {
        StringBuilder request = new StringBuilder("GET " + uri + " HTTP/1.1\r\n")
                .append("Host: localhost:8080\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String line : extraHeaderLines) {
            request.append(line).append("\r\n");
        }
        channel.writeInbound(Unpooled.copiedBuffer(request.append("\r\n"), StandardCharsets.US_ASCII));
        fixture.loop.runTasks();
        return outbound();
    }

    /** Everything written so far, as ISO-8859-1 text (frame bytes stay one char per byte). */
    private String outbound() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            out.writeBytes(bytes);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /** The text of the one unmasked, final text frame that follows the 101. */
    private static String firstFrameText(String response) {
        String frame = body(response);
        assertThat(frame.charAt(0)).as("FIN + text").isEqualTo((char) 0x81);
        int length = frame.charAt(1);
        int headerLength = length == 126 ? 4 : 2;
        if (length == 126) {
            length = (frame.charAt(2) << 8) | frame.charAt(3);
        }
        assertThat(frame).hasSize(headerLength + length);
        return new String(frame.substring(headerLength).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Test
    void shouldUpgradeEchoTheSubprotocolAndSendConnectedFirst() {
        String response = upgrade("/client/hubs/chat?access_token=" + token("u1", List.of("g1")),
                "Sec-WebSocket-Protocol: json.webpubsub.azure.v1");

        assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(response.toLowerCase(Locale.ROOT)).contains("sec-websocket-protocol: json.webpubsub.azure.v1\r\n")
                .contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=\r\n");
        assertThat(firstFrameText(response)).matches(
                "\\{\"type\":\"system\",\"event\":\"connected\",\"userId\":\"u1\",\"connectionId\":\"[A-Za-z0-9_-]{22}\"}");
        assertThat(fixture.hub.connectionCount()).isEqualTo(1);
        assertThat(fixture.hub.groupExists("chat", "g1")).as("token groups joined").isTrue();
        assertThat(fixture.hub.userExists("chat", "u1")).isTrue();
        assertThat(fixture.upstream.connected).hasSize(1);
    }

    /** Every handler of an upgraded socket costs memory per socket: only the codec, the assembler and the frames. */
    @Test
    void anUpgradedPipelineShouldHoldOnlyTheWebSocketHandlers() {
        upgrade("/client/hubs/chat?access_token=" + token("u1", List.of()),
                "Sec-WebSocket-Protocol: json.webpubsub.azure.v1");

        assertThat(channel.pipeline().names()).containsExactly("wsencoder", "wsdecoder", "ws-messages", "ws-frames",
                "DefaultChannelPipeline$TailContext#0");
    }

    @Test
    void malformedTextFromTheClientShouldBeClosedWith1007() {
        upgrade("/client/hubs/chat?access_token=" + token("u1", List.of()),
                "Sec-WebSocket-Protocol: json.webpubsub.azure.v1");
        byte[] mask = {1, 2, 3, 4};
        byte[] payload = {(byte) 0xC3, (byte) 0x28};
        ByteBuf frame = Unpooled.buffer().writeByte(0x81).writeByte(0x80 | payload.length).writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ mask[i % 4]);
        }

        channel.writeInbound(frame);
        fixture.loop.runTasks();

        String close = outbound();
        assertThat(close.charAt(0)).as("FIN + close").isEqualTo((char) 0x88);
        assertThat((close.charAt(2) << 8) | close.charAt(3)).isEqualTo(1007);
        assertThat(close.substring(4)).isEqualTo("bytes are not UTF-8");
        assertThat(channel.isOpen()).isFalse();
        assertThat(fixture.upstream.disconnected).singleElement().asString().endsWith(": bytes are not UTF-8");
    }

    @Test
    void aReliableClientShouldGetAReconnectionTokenInConnected() {
        String response = upgrade("/client/hubs/chat?access_token=" + token("u1", List.of()),
                "Sec-WebSocket-Protocol: json.reliable.webpubsub.azure.v1");

        assertThat(response.toLowerCase(Locale.ROOT))
                .contains("sec-websocket-protocol: json.reliable.webpubsub.azure.v1\r\n");
        assertThat(firstFrameText(response)).matches("\\{\"type\":\"system\",\"event\":\"connected\","
                + "\"userId\":\"u1\",\"connectionId\":\"[A-Za-z0-9_-]{22}\",\"reconnectionToken\":\"[^\"]+\"}");
    }

    @Test
    void shouldAcceptTheTokenFromTheAuthorizationHeaderAndTheHubInQueryForm() {
        String response = upgrade("/client/?hub=chat", "Authorization: Bearer " + token(null, List.of()),
                "Sec-WebSocket-Protocol: json.webpubsub.azure.v1");

        assertThat(response).startsWith("HTTP/1.1 101 ");
        assertThat(firstFrameText(response)).as("anonymous: no userId")
                .startsWith("{\"type\":\"system\",\"event\":\"connected\",\"connectionId\":\"");
    }

    @Test
    void aClientOfferingNoPubSubSubprotocolShouldBecomeASimpleClient() {
        String response = upgrade("/client/hubs/chat?access_token=" + token("u1", List.of()),
                "Sec-WebSocket-Protocol: custom.v1");

        assertThat(response).startsWith("HTTP/1.1 101 ");
        assertThat(response.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-protocol");
        assertThat(body(response)).as("no connected message for simple clients").isEmpty();
        assertThat(fixture.hub.connectionCount()).isEqualTo(1);
    }

    @Test
    void shouldAnswer401WithoutATokenWhenTheHubDeniesAnonymousClients() {
        String denied = upgrade("/client/hubs/chat");

        assertThat(denied).startsWith("HTTP/1.1 401 ");
        assertThat(channel.isOpen()).isFalse();
        assertThat(fixture.hub.connectionCount()).isZero();
    }

    @Test
    void shouldUpgradeAnonymousClientsOfAHubThatAllowsThem() {
        assertThat(upgrade("/client/hubs/Open")).startsWith("HTTP/1.1 101 ");
        assertThat(fixture.hub.connectionCount()).isEqualTo(1);
    }

    @Test
    void shouldAnswer401ForAnInvalidToken() {
        String forOtherHub = new ClientTokenIssuer(JWT, CLOCK).issue("http://localhost:8080/client/hubs/other",
                "u1", List.of(), List.of(), Duration.ofHours(1));

        String response = upgrade("/client/hubs/chat?access_token=" + forOtherHub);

        assertThat(response).startsWith("HTTP/1.1 401 ");
        assertThat(body(response)).contains("audience");
        assertThat(fixture.upstream.connected).isEmpty();
    }

    @Test
    void shouldAnswer400ForSendToGroupModeWithoutAGroup() {
        assertThat(upgrade("/client/hubs/chat?webpubsub_mode=sendToGroup&access_token=" + token("u1", List.of())))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void shouldAnswer400ForAPlainGetOfTheClientEndpoint() {
        channel.writeInbound(Unpooled.copiedBuffer("GET /client/hubs/chat HTTP/1.1\r\nHost: localhost\r\n\r\n",
                StandardCharsets.US_ASCII));

        assertThat(outbound()).startsWith("HTTP/1.1 400 ");
    }

    /** A malformed percent-encoding must get an HTTP answer like every other bad request, not a dropped socket. */
    @Test
    void shouldAnswer400ForABadlyEncodedClientUrl() {
        String response = upgrade("/client/hubs/chat?access_token=%zz");

        assertThat(response).startsWith("HTTP/1.1 400 ");
    }
}
