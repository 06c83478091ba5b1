package io.hubbub.server.upstream;

import static io.hubbub.server.upstream.TestHandlerServer.reply;
import static io.hubbub.server.upstream.TestHandlerServer.replyAndClose;
import static io.hubbub.server.upstream.TestHandlerServer.replyThenCloseAfter;
import static io.hubbub.server.upstream.TestHandlerServer.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.server.config.UpstreamSettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook client against a real handler on a local socket; the https cases are in {@link WebhookTlsTest}. */
class WebhookClientTest {

    static final int MAX_RESPONSE = 1024;

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final TestHandlerServer handler = new TestHandlerServer();
    private WebhookClient client = client(1024);

    @AfterEach
    void tearDown() {
        client.close();
        handler.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private WebhookClient client(int maxInFlight) {
        return new WebhookClient(new UpstreamSettings(Duration.ofSeconds(20), Duration.ofSeconds(10), 3,
                MAX_RESPONSE, maxInFlight), loops, NioSocketChannel.class);
    }

    static WebhookRequest post(String url, String body, Duration timeout) {
        return WebhookRequest.post(WebhookTarget.of(URI.create(url)), body.getBytes(StandardCharsets.UTF_8),
                timeout);
    }

    private CompletableFuture<WebhookResponse> send(String body) {
        return send(body, Duration.ofSeconds(5));
    }

    private CompletableFuture<WebhookResponse> send(String body, Duration timeout) {
        return client.send(() -> post(handler.url("/api/chat/message?code=1"), body, timeout));
    }

    private static WebhookResponse answer(CompletableFuture<WebhookResponse> call) throws Exception {
        return call.get(5, TimeUnit.SECONDS);
    }

    private static String text(WebhookResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static Throwable failure(CompletableFuture<WebhookResponse> call) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> call.get(5, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void shouldSendThePostWithHostAndContentLengthAndReuseTheConnection() throws Exception {
        for (int i = 1; i <= 3; i++) {
            WebhookResponse response = answer(send("hello " + i));
            assertThat(response.status()).isEqualTo(200);
            assertThat(text(response)).isEqualTo("ok");
            assertThat(response.mediaType()).isEqualTo("text/plain");
        }
        TestHandlerServer.Received first = handler.next();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.uri()).isEqualTo("/api/chat/message?code=1");
        assertThat(first.headers().get("Host")).isEqualTo("127.0.0.1:" + handler.port());
        assertThat(first.headers().get("Content-Length")).isEqualTo("7");
        assertThat(first.body()).isEqualTo("hello 1");
        assertThat(handler.connections()).as("keep-alive").isEqualTo(1);
    }

    @Test
    void shouldOpenANewConnectionAfterTheHandlerAnsweredConnectionClose() throws Exception {
        handler.respond((ctx, r) -> replyAndClose(ctx, "bye " + r.body()));
        assertThat(text(answer(send("1")))).isEqualTo("bye 1");
        assertThat(text(answer(send("2")))).isEqualTo("bye 2");
        assertThat(handler.connections()).isEqualTo(2);
    }

    @Test
    void shouldNotFailTheNextRequestWhenTheHandlerClosedAnIdleConnection() throws Exception {
        handler.respond((ctx, r) -> replyThenCloseAfter(ctx, "ok", Duration.ofMillis(50)));
        assertThat(answer(send("1")).status()).isEqualTo(200);
        Thread.sleep(300);
        assertThat(answer(send("2")).status()).isEqualTo(200);
        assertThat(handler.connections()).isEqualTo(2);
    }

    @Test
    void shouldNotReuseAConnectionIdleForNearlyTheHandlersKeepAliveTimeout() throws Exception {
        handler.respond((ctx, r) -> {
            FullHttpResponse response = response(200, "ok");
            response.headers().set(HttpHeaderNames.KEEP_ALIVE, "timeout=1"); // reused for 500 ms at most
            ctx.writeAndFlush(response);
        });
        assertThat(answer(send("1")).status()).isEqualTo(200);
        assertThat(answer(send("2")).status()).isEqualTo(200);
        assertThat(handler.connections()).isEqualTo(1);
        Thread.sleep(700);
        assertThat(answer(send("3")).status()).isEqualTo(200);
        assertThat(handler.connections()).isEqualTo(2);
    }

    @Test
    void shouldNeverResendARequestTheHandlerMayHaveReceived() throws Exception {
        handler.respond((ctx, r) -> {
            if (r.body().equals("vanish")) {
                ctx.close();
            } else {
                reply(ctx, 200, "ok");
            }
        });
        assertThat(answer(send("first")).status()).isEqualTo(200);
        assertThat(failure(send("vanish"))).isInstanceOf(IOException.class)
                .hasMessageContaining("closed the connection without answering");
        Thread.sleep(200);
        assertThat(handler.received).extracting(TestHandlerServer.Received::body).containsExactly("first", "vanish");
        assertThat(handler.connections()).isEqualTo(1);
    }

    @Test
    void shouldTimeOutAndNotReuseTheConnectionOfTheLateAnswer() throws Exception {
        handler.respond((ctx, r) -> {
            if (r.body().equals("slow")) {
                ctx.executor().schedule(() -> reply(ctx, 200, "late"), 1, TimeUnit.SECONDS);
            } else {
                reply(ctx, 200, "ok");
            }
        });
        long start = System.nanoTime();
        assertThat(failure(send("slow", Duration.ofMillis(200)))).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("200 ms");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(900));
        assertThat(text(answer(send("fast")))).isEqualTo("ok");
        assertThat(handler.connections()).isEqualTo(2);
    }

    @Test
    void shouldFailAResponseOverTheSizeLimit() {
        handler.respond((ctx, r) -> reply(ctx, 200, "x".repeat(MAX_RESPONSE + 1)));
        assertThat(failure(send("big"))).isInstanceOf(IOException.class)
                .hasMessage("the handler's response exceeds 1024 bytes");
    }

    @Test
    void shouldFailAChunkedResponseOnceItPassesTheSizeLimit() throws Exception {
        handler.respond((ctx, r) -> chunked(ctx, Integer.parseInt(r.body()), 100));
        assertThat(answer(send("10")).body()).hasSize(1000);
        assertThat(failure(send("11"))).isInstanceOf(IOException.class).hasMessageContaining("exceeds");
    }

    @Test
    void shouldReadAResponseThatEndsWithTheConnection() throws Exception {
        handler.respond((ctx, r) -> {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            ctx.write(head);
            ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.copiedBuffer("until close", StandardCharsets.UTF_8)))
                    .addListener(ChannelFutureListener.CLOSE);
        });
        assertThat(text(answer(send("1")))).isEqualTo("until close");
        assertThat(text(answer(send("2")))).isEqualTo("until close");
        assertThat(handler.connections()).isEqualTo(2);
    }

    @Test
    void shouldReturnARedirectWithoutFollowingIt() throws Exception {
        handler.respond((ctx, r) -> {
            FullHttpResponse response = response(302, "");
            response.headers().set(HttpHeaderNames.LOCATION, handler.url("/elsewhere"));
            ctx.writeAndFlush(response);
        });
        assertThat(answer(send("1")).status()).isEqualTo(302);
        Thread.sleep(100);
        assertThat(handler.received).hasSize(1);
    }

    @Test
    void shouldBoundRequestsInFlightAndStartTheWaitersInOrder() throws Exception {
        client.close();
        client = client(2);
        LinkedBlockingQueue<ChannelHandlerContext> held = new LinkedBlockingQueue<>();
        handler.respond((ctx, r) -> held.add(ctx));
        List<CompletableFuture<WebhookResponse>> calls = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            calls.add(send(Integer.toString(i)));
        }
        assertThat(List.of(handler.next().body(), handler.next().body())).containsExactlyInAnyOrder("1", "2");
        for (int i = 3; i <= 6; i++) {
            assertThat(handler.received.poll(150, TimeUnit.MILLISECONDS)).as("only 2 in flight").isNull();
            reply(held.take(), 200, "ok");
            assertThat(handler.next().body()).as("the oldest waiter goes next").isEqualTo(Integer.toString(i));
        }
        reply(held.take(), 200, "ok");
        reply(held.take(), 200, "ok");
        for (CompletableFuture<WebhookResponse> call : calls) {
            assertThat(answer(call).status()).isEqualTo(200);
        }
        assertThat(handler.connections()).isEqualTo(2);
    }

    @Test
    void shouldFailWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CompletableFuture<WebhookResponse> call = client.send(
                () -> post("http://127.0.0.1:" + port + "/x", "1", Duration.ofSeconds(5)));
        assertThat(failure(call)).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldFailARequestThatCannotBeBuilt() {
        assertThat(failure(client.send(() -> {
            throw new IllegalArgumentException("bad header");
        }))).hasMessage("bad header");
    }

    @Test
    void shouldRejectRequestsOnceClosed() throws Exception {
        client.close();
        assertThat(failure(send("1"))).isInstanceOf(RejectedExecutionException.class);
        client = client(1);
        LinkedBlockingQueue<ChannelHandlerContext> held = new LinkedBlockingQueue<>();
        handler.respond((ctx, r) -> held.add(ctx));
        send("in flight");
        CompletableFuture<WebhookResponse> waiting = send("waiting");
        handler.next();
        client.close();
        assertThat(failure(waiting)).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void shouldAwaitIdle() throws Exception {
        handler.respond((ctx, r) -> ctx.executor().schedule(() -> reply(ctx, 200, "ok"), 200, TimeUnit.MILLISECONDS));
        CompletableFuture<WebhookResponse> call = send("1");
        client.awaitIdle(Duration.ofSeconds(5));
        assertThat(call).isCompleted();
    }

    private static void chunked(ChannelHandlerContext ctx, int chunks, int size) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        for (int i = 0; i < chunks; i++) {
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[size])));
        }
        ctx.writeAndFlush(new DefaultLastHttpContent());
    }
}
