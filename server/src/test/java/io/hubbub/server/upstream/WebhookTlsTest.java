package io.hubbub.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.server.config.UpstreamSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * https to a local handler whose self-signed certificate names {@code localhost}: trusted only when the test
 * passes it in, and only for that host name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookTlsTest {

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final UpstreamSettings settings = new UpstreamSettings(Duration.ofSeconds(20), Duration.ofSeconds(10), 3,
            1024, 16);
    private SelfSignedCertificate certificate;
    private TestHandlerServer handler;
    private WebhookClient trusting;

    @BeforeAll
    void start() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        handler = new TestHandlerServer(
                SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey()).build());
        // no endpoint identification in the context: the client must add it itself
        SslContext trust = SslContextBuilder.forClient().trustManager(certificate.cert())
                .endpointIdentificationAlgorithm(null).build();
        trusting = new WebhookClient(settings, loops, NioSocketChannel.class, trust);
    }

    @AfterAll
    void stop() {
        trusting.close();
        handler.close();
        certificate.delete();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private CompletableFuture<WebhookResponse> send(WebhookClient client, String host, String body) {
        return client.send(() -> WebhookRequest.post(
                WebhookTarget.of(URI.create("https://" + host + ":" + handler.port() + "/api/ev")),
                body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)));
    }

    private static Throwable failure(CompletableFuture<WebhookResponse> call) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> call.get(5, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void shouldPostOverTlsWithSniAndReuseTheConnection() throws Exception {
        int before = handler.connections();
        for (int i = 0; i < 3; i++) {
            WebhookResponse response = send(trusting, "localhost", "secret " + i).get(5, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
        assertThat(handler.connections() - before).isEqualTo(1);
        TestHandlerServer.Received first = handler.next();
        assertThat(first.headers().get("Host")).isEqualTo("localhost:" + handler.port());
        assertThat(first.body()).isEqualTo("secret 0");
    }

    @Test
    void shouldRefuseACertificateThatDoesNotNameTheHost() {
        assertThat(failure(send(trusting, "127.0.0.1", "x"))).isInstanceOf(SSLException.class)
                .hasStackTraceContaining("No subject alternative names");
    }

    @Test
    void shouldTrustOnlyTheJdkTrustStoreByDefault() {
        WebhookClient defaults = new WebhookClient(settings, loops, NioSocketChannel.class);
        try {
            assertThat(failure(send(defaults, "localhost", "x"))).isInstanceOf(SSLException.class)
                    .hasStackTraceContaining("PKIX");
        } finally {
            defaults.close();
        }
    }
}
