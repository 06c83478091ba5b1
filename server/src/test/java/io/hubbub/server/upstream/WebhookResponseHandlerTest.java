package io.hubbub.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.server.upstream.WebhookTarget.Origin;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One connection's exchanges, driven through an {@link EmbeddedChannel} parked in a real loop's pool, so a retry on
 * a fresh connection reaches a real handler.
 */
class WebhookResponseHandlerTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final TestHandlerServer handler = new TestHandlerServer();
    private final HandlerConnections connections = new HandlerConnections(loop,
            new Bootstrap().group(loop).channel(NioSocketChannel.class), () -> null, 1024);
    private final WebhookRequest request = WebhookRequest.post(WebhookTarget.of(URI.create(handler.url("/ev"))),
            "hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    private final Origin origin = request.target().origin();
    private final AtomicInteger slotsReleased = new AtomicInteger();

    @AfterEach
    void tearDown() {
        handler.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A keep-alive connection in the pool, whose requests go to {@code channel}'s outbound queue. */
    private WebhookResponseHandler pooled(EmbeddedChannel channel) throws Exception {
        WebhookResponseHandler connection = new WebhookResponseHandler(connections, origin, 1024);
        channel.pipeline().addLast(connection);
        loop.submit(() -> connections.release(connection)).sync();
        return connection;
    }

    private Exchange start() throws Exception {
        Exchange ex = new Exchange(() -> request, connections, slotsReleased::incrementAndGet);
        loop.submit(() -> connections.start(ex)).sync();
        return ex;
    }

    private void onLoop(Runnable task) throws Exception {
        loop.submit(task).sync();
    }

    @Test
    void shouldRetryOnAFreshConnectionARequestADeadKeepAliveConnectionNeverWrote() throws Exception {
        pooled(new EmbeddedChannel(new FailingWrites()));
        Exchange ex = start();
        assertThat(ex.result().get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(handler.next().body()).isEqualTo("hello");
        assertThat(handler.connections()).isEqualTo(1);
        assertThat(slotsReleased).hasValue(1);
    }

    @Test
    void shouldFailWithoutRetryingWhenAWrittenRequestLosesItsConnection() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        pooled(channel);
        Exchange ex = start();
        FullHttpRequest sent = channel.readOutbound();
        assertThat(sent.headers().get("Host")).isEqualTo("127.0.0.1:" + handler.port());
        sent.release();
        onLoop(channel::close);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> ex.result().get(5, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessageContaining("without answering");
        assertThat(handler.connections()).as("not retried").isZero();
        assertThat(slotsReleased).hasValue(1);
    }

    @Test
    void shouldSkipAnInformationalAnswerAndKeepTheConnectionForTheNext() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        pooled(channel);
        Exchange ex = start();
        onLoop(() -> {
            channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 2).set("ce-connectionState", "s1");
            channel.writeInbound(head);
            channel.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8)));
        });
        WebhookResponse response = ex.result().get(5, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("CE-CONNECTIONSTATE")).isEqualTo("s1");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(channel.isOpen()).as("kept alive").isTrue();
        Exchange next = start();
        assertThat((Object) channel.readOutbound()).as("first request").isNotNull();
        assertThat((Object) channel.readOutbound()).as("the next request, on the same connection").isNotNull();
        onLoop(() -> next.fail(new IOException("done")));
    }

    @Test
    void shouldCloseTheConnectionAfterAConnectionCloseAnswer() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        pooled(channel);
        Exchange ex = start();
        onLoop(() -> {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
            head.headers().set(HttpHeaderNames.CONNECTION, "close");
            channel.writeInbound(head, LastHttpContent.EMPTY_LAST_CONTENT);
        });
        assertThat(ex.result().get(5, TimeUnit.SECONDS).status()).isEqualTo(204);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldFailAnAnswerThatAnnouncesMoreThanTheLimit() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        pooled(channel);
        Exchange ex = start();
        onLoop(() -> {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 1025);
            channel.writeInbound(head);
        });
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> ex.result().get(5, TimeUnit.SECONDS));
        assertThat(e.getCause()).hasMessage("the handler's response exceeds 1024 bytes");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldReuseIdleConnectionsJustShortOfTheHandlersKeepAliveTimeout() {
        assertThat(WebhookResponseHandler.reuseNanos(new DefaultHttpHeaders()))
                .isEqualTo(WebhookResponseHandler.DEFAULT_REUSE_NANOS);
        assertThat(WebhookResponseHandler.reuseNanos(new DefaultHttpHeaders().set("Keep-Alive", "timeout=5")))
                .isEqualTo(TimeUnit.SECONDS.toNanos(4));
        assertThat(WebhookResponseHandler.reuseNanos(new DefaultHttpHeaders().set("Keep-Alive", "max=9, Timeout=75")))
                .isEqualTo(TimeUnit.SECONDS.toNanos(74));
        assertThat(WebhookResponseHandler.reuseNanos(new DefaultHttpHeaders().set("Keep-Alive", "timeout=1")))
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(WebhookResponseHandler.reuseNanos(new DefaultHttpHeaders().set("Keep-Alive", "timeout=x")))
                .isEqualTo(WebhookResponseHandler.DEFAULT_REUSE_NANOS);
    }

    /** A connection the peer reset before the loop noticed: the write fails, nothing went out. */
    private static final class FailingWrites extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            io.netty.util.ReferenceCountUtil.release(msg);
            promise.setFailure(new ClosedChannelException());
        }
    }
}
