package io.hubbub.server.upstream;

import io.hubbub.server.upstream.WebhookTarget.Origin;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of one keep-alive connection to an event handler: one request at a time, its answer collected up
 * to the size limit. A request that a reused connection failed before it was fully written goes once more on a
 * fresh connection; once written it never goes again, since the handler may have acted on it. All state belongs to
 * the channel's event loop.
 */
final class WebhookResponseHandler extends ChannelInboundHandlerAdapter {

    /** Reuse for idle connections whose handler does not announce {@code Keep-Alive: timeout}. */
    static final long DEFAULT_REUSE_NANOS = TimeUnit.SECONDS.toNanos(4);
    private static final Logger log = LoggerFactory.getLogger(WebhookResponseHandler.class);
    private static final byte[] EMPTY = new byte[0];

    private final HandlerConnections connections;
    private final Origin origin;
    private final int maxBodyBytes;
    private Channel channel;
    private Exchange exchange;
    private boolean reused;
    private boolean written;
    private boolean answering; // a part of the answer arrived
    private HttpResponse head; // of the final answer being read
    private byte[] body;
    private int size;
    private boolean idle;
    private long idleSince;
    private long reuseNanos = DEFAULT_REUSE_NANOS;

    WebhookResponseHandler(HandlerConnections connections, Origin origin, int maxBodyBytes) {
        this.connections = connections;
        this.origin = origin;
        this.maxBodyBytes = maxBodyBytes;
    }

    Origin origin() {
        return origin;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    void send(Exchange ex, boolean reusedConnection) {
        exchange = ex;
        reused = reusedConnection;
        written = false;
        answering = false;
        idle = false;
        ex.sentOn(this);
        channel.writeAndFlush(ex.request().toNetty()).addListener(f -> {
            if (exchange == ex) {
                if (f.isSuccess()) {
                    written = true;
                } else {
                    failed(f.cause());
                }
            }
        });
    }

    /** Put in the pool: free for the next request. */
    void parked(long now) {
        idle = true;
        idleSince = now;
    }

    /** Taken from the pool: to be used or closed. */
    void unparked() {
        idle = false;
    }

    /** Idle too long to risk reusing: the handler may be closing it as we write. */
    boolean isStale(long now) {
        return now - idleSince > reuseNanos;
    }

    /** {@code ex} timed out: its answer can no longer be told from the next one's, so the connection goes. */
    void abandon(Exchange ex) {
        if (exchange == ex) {
            reset();
            channel.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (exchange == null) {
                log.debug("event handler {} sent {} unasked; closing the connection", origin, msg);
                channel.close();
                return;
            }
            if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                failed(o.decoderResult().cause());
                return;
            }
            answering = true;
            if (msg instanceof HttpResponse response) {
                begin(response);
            }
            if (msg instanceof HttpContent content && head != null) {
                append(content.content());
            }
            if (msg instanceof LastHttpContent && head != null) {
                complete();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(HttpResponse response) {
        int status = response.status().code();
        if (status >= 100 && status < 200 && status != 101) {
            return; // informational: the answer follows
        }
        long declared = HttpUtil.getContentLength(response, -1L);
        if (declared > maxBodyBytes) {
            failed(tooLarge());
            return;
        }
        head = response;
        size = 0;
        body = declared == 0 ? EMPTY : new byte[declared > 0 ? (int) declared : Math.min(1024, maxBodyBytes)];
    }

    private void append(ByteBuf content) {
        int n = content.readableBytes();
        if (n == 0) {
            return;
        }
        if (size + n > maxBodyBytes) {
            failed(tooLarge());
            return;
        }
        if (size + n > body.length) {
            body = Arrays.copyOf(body, Math.min(maxBodyBytes, Math.max(body.length * 2, size + n)));
        }
        content.readBytes(body, size, n);
        size += n;
    }

    private void complete() {
        Exchange ex = exchange;
        HttpResponse response = head;
        byte[] bytes = size == body.length ? body : Arrays.copyOf(body, size);
        boolean keepAlive = written && channel.isActive() && HttpUtil.isKeepAlive(response)
                && response.status().code() != 101;
        reset();
        if (keepAlive) {
            reuseNanos = reuseNanos(response.headers());
            connections.release(this);
        } else {
            channel.close();
        }
        ex.succeed(new WebhookResponse(response.status().code(), response.headers(), bytes));
    }

    private IOException tooLarge() {
        return new IOException("the handler's response exceeds " + maxBodyBytes + " bytes");
    }

    /** The connection failed its request: retried once if it surely never reached the handler, else failed. */
    private void failed(Throwable cause) {
        Exchange ex = exchange;
        boolean unsent = reused && !written && !answering;
        reset();
        channel.close();
        if (ex == null) {
            return;
        }
        if (unsent && ex.retryOnce()) {
            log.debug("keep-alive connection to {} failed before the request went out ({}); retrying on a new one",
                    origin, cause.toString());
            connections.connect(ex);
        } else {
            ex.fail(cause);
        }
    }

    private void reset() {
        exchange = null;
        head = null;
        body = null;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            failed(handshake.cause());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idle) {
            connections.forget(this);
        } else if (exchange != null) {
            failed(new IOException(answering ? "the event handler closed the connection in the middle of its answer"
                    : "the event handler closed the connection without answering"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            failed(cause);
        } else {
            log.debug("connection to event handler {} failed while idle: {}", origin, cause.toString());
            channel.close();
        }
    }

    /**
     * How long an idle connection may be reused: a second less than the handler's {@code Keep-Alive: timeout=N}
     * (at least half of it), else {@link #DEFAULT_REUSE_NANOS}.
     */
    static long reuseNanos(HttpHeaders headers) {
        String keepAlive = headers.get(HttpHeaderNames.KEEP_ALIVE);
        if (keepAlive == null) {
            return DEFAULT_REUSE_NANOS;
        }
        for (String part : keepAlive.split(",")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "timeout=", 0, 8)) {
                try {
                    long millis = Math.min(Long.parseLong(p.substring(8).trim()), 3600) * 1000;
                    return TimeUnit.MILLISECONDS.toNanos(Math.max(millis - 1000, millis / 2));
                } catch (NumberFormatException e) {
                    return DEFAULT_REUSE_NANOS;
                }
            }
        }
        return DEFAULT_REUSE_NANOS;
    }
}
