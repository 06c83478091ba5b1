package io.hubbub.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A blocking WebSocket client for tests, on the JDK's {@link WebSocket}. Every data message is reassembled from
 * its parts and queued as it arrives, so a test reads frames in order and none is lost between reads, including
 * frames that arrived before the server closed. Every wait is bounded and fails the test with an
 * {@link AssertionError}.
 */
public final class TestWebSocket implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** RFC 6455 §7.1.5: the connection ended without a Close frame. */
    private static final int ABNORMAL_CLOSURE = 1006;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Shared: it holds only a selector thread and a pool; closing or aborting a socket touches its own connection only.
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    /** Queued after the last frame once the connection is over; never handed out. */
    private static final Frame END = new Frame(false, null, null);

    private final WebSocket webSocket;
    private final Inbox inbox;
    /** The JDK refuses a send while the previous one is outstanding; sends from several threads take turns here. */
    private final Object sendLock = new Object();
    private final AtomicBoolean closeCalled = new AtomicBoolean();

    private TestWebSocket(WebSocket webSocket, Inbox inbox) {
        this.webSocket = webSocket;
        this.inbox = inbox;
    }

    public static TestWebSocket connect(URI uri, String... subprotocols) {
        return connect(uri, Map.of(), subprotocols);
    }

    /** Opens a connection; throws {@link WebSocketHandshakeFailure} unless the server answers 101 within 5 s. */
    public static TestWebSocket connect(URI uri, Map<String, String> headers, String... subprotocols) {
        Inbox inbox = new Inbox();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        CompletableFuture<WebSocket> opening = builder.buildAsync(uri, inbox);
        try {
            // the builder's own timeout should fire first; this bound only guards against it not doing so
            return new TestWebSocket(opening.get(CONNECT_TIMEOUT.plus(CLOSE_GRACE).toMillis(), TimeUnit.MILLISECONDS), inbox);
        } catch (ExecutionException e) {
            throw handshakeFailure(uri, e.getCause());
        } catch (TimeoutException e) {
            opening.thenAccept(WebSocket::abort);
            throw new WebSocketHandshakeFailure("no handshake answer from " + uri + " within " + CONNECT_TIMEOUT, -1, "", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(WebSocket::abort);
            throw new WebSocketHandshakeFailure("interrupted while connecting to " + uri, -1, "", e);
        }
    }

    /** The subprotocol the server selected, {@code ""} if none. */
    public String subprotocol() {
        return webSocket.getSubprotocol();
    }

    public void sendText(String text) {
        send(() -> webSocket.sendText(text, true));
    }

    public void sendBinary(byte[] bytes) {
        send(() -> webSocket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** Serializes the value with Jackson and sends it as one text message. */
    public void sendJson(Object jacksonSerializableValue) {
        try {
            sendText(MAPPER.writeValueAsString(jacksonSerializableValue));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + jacksonSerializableValue, e);
        }
    }

    /** The next data frame, waiting up to 5 s. */
    public Frame next() {
        return next(DEFAULT_TIMEOUT);
    }

    public Frame next(Duration timeout) {
        Frame frame = poll(timeout);
        if (frame == null) {
            throw new AssertionError("no frame within " + timeout);
        }
        if (frame == END) {
            throw new AssertionError("connection closed " + inbox.closed.getNow(null) + " with no frame left to read");
        }
        return frame;
    }

    /** The next frame, which must be text. */
    public String nextText() {
        Frame frame = next();
        if (!frame.text()) {
            throw new AssertionError("expected a text frame but got " + frame);
        }
        return frame.textData();
    }

    /** The next frame, which must be text holding JSON. */
    public JsonNode nextJson() {
        String text = nextText();
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("expected JSON but got " + text, e);
        }
    }

    /** Skips frames (binary, non-JSON, or failing the predicate) until one matches, for up to 5 s in all. */
    public JsonNode nextJsonMatching(Predicate<JsonNode> predicate) {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        List<Frame> skipped = new ArrayList<>();
        while (true) {
            Frame frame = poll(Duration.ofNanos(deadline - System.nanoTime()));
            if (frame == null || frame == END) {
                String why = frame == null ? "within " + DEFAULT_TIMEOUT : "before the connection closed " + inbox.closed.getNow(null);
                throw new AssertionError("no matching JSON frame " + why + "; skipped " + skipped);
            }
            if (frame.text()) {
                JsonNode json = parseOrNull(frame.textData());
                if (json != null && predicate.test(json)) {
                    return json;
                }
            }
            skipped.add(frame);
        }
    }

    /** Fails if a data frame arrives within the period. Returns early once the connection is over. */
    public void expectNoFrame(Duration quietPeriod) {
        Frame frame = poll(quietPeriod);
        if (frame != null && frame != END) {
            throw new AssertionError("expected no frame for " + quietPeriod + " but got " + frame);
        }
    }

    /** Waits up to 5 s for the server's Close frame, or for the connection to end without one (code 1006). */
    public CloseStatus awaitClose() {
        return awaitClose(DEFAULT_TIMEOUT);
    }

    public CloseStatus awaitClose(Duration timeout) {
        try {
            return await(inbox.closed, timeout);
        } catch (TimeoutException e) {
            throw new AssertionError("connection not closed within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("close future failed", e.getCause()); // never completed exceptionally
        }
    }

    /** True once either side has begun closing, or the connection is gone. */
    public boolean isClosed() {
        return inbox.closed.isDone() || webSocket.isOutputClosed() || webSocket.isInputClosed();
    }

    /** Sends a normal close if still open, waits up to 2 s for the server's, then drops the connection. */
    @Override
    public void close() {
        if (!closeCalled.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!webSocket.isOutputClosed()) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "");
            }
            await(inbox.closed, CLOSE_GRACE);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // closing is best effort: the abort below ends the connection whatever happened
        } finally {
            abort();
        }
    }

    /** Drops the TCP connection without a Close frame. */
    public void abort() {
        webSocket.abort();
        inbox.closed.complete(new CloseStatus(ABNORMAL_CLOSURE, "aborted by the client"));
    }

    private void send(Supplier<CompletableFuture<WebSocket>> sending) {
        synchronized (sendLock) {
            try {
                await(sending.get(), DEFAULT_TIMEOUT);
            } catch (TimeoutException e) {
                throw new AssertionError("send not completed within " + DEFAULT_TIMEOUT, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw new UncheckedIOException("send failed", io);
                }
                throw new IllegalStateException("send failed", e.getCause());
            }
        }
    }

    /** The next queued frame within the timeout, {@link #END} once the connection is over and drained, else null. */
    private Frame poll(Duration timeout) {
        try {
            Frame frame = inbox.frames.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            if (frame == END) {
                inbox.frames.add(END); // stays last, so every later read sees it too
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a frame", e);
        }
    }

    private static <T> T await(Future<T> future, Duration timeout) throws ExecutionException, TimeoutException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static WebSocketHandshakeFailure handshakeFailure(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException rejected) {
                HttpResponse<?> response = rejected.getResponse();
                String body = bodyText(response.body());
                String message = "handshake with " + uri + " answered " + response.statusCode()
                        + (body.isEmpty() ? "" : ": " + body);
                return new WebSocketHandshakeFailure(message, response.statusCode(), body, rejected);
            }
        }
        return new WebSocketHandshakeFailure("could not connect to " + uri + ": " + cause, -1, "", cause);
    }

    private static String bodyText(Object body) {
        if (body == null) {
            return "";
        }
        return body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body.toString();
    }

    /** One whole data message: text carries {@code textData}, binary carries {@code binaryData}. */
    public record Frame(boolean text, String textData, byte[] binaryData) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame other && text == other.text && Objects.equals(textData, other.textData)
                    && Arrays.equals(binaryData, other.binaryData);
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, textData) * 31 + Arrays.hashCode(binaryData);
        }

        @Override
        public String toString() {
            if (text) {
                boolean cut = textData != null && textData.length() > 200;
                return "Frame[text " + (cut ? textData.substring(0, 200) + "…" : textData) + "]";
            }
            return "Frame[binary " + (binaryData == null ? 0 : binaryData.length) + " bytes]";
        }
    }

    public record CloseStatus(int code, String reason) {
    }

    /** Reassembles messages from their parts and queues them; the JDK calls it on one thread at a time. */
    private static final class Inbox implements WebSocket.Listener {

        final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
        // only touched from the callbacks below, which the JDK never runs concurrently
        private final StringBuilder textParts = new StringBuilder();
        private final ByteArrayOutputStream binaryParts = new ByteArrayOutputStream();

        Inbox() {
            closed.thenRun(() -> frames.add(END));
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // no back-pressure wanted: the queue takes everything, and a test reads at its own pace
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            textParts.append(data);
            if (last) {
                frames.add(new Frame(true, textParts.toString(), null));
                textParts.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binaryParts.writeBytes(part);
            if (last) {
                frames.add(new Frame(false, null, binaryParts.toByteArray()));
                binaryParts.reset();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            return null; // the JDK answers with a Pong by itself
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new CloseStatus(statusCode, reason));
            return null; // completing at once lets the JDK send its Close reply now
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new CloseStatus(ABNORMAL_CLOSURE, String.valueOf(error)));
        }
    }
}
