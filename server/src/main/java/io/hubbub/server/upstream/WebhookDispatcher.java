package io.hubbub.server.upstream;

import io.hubbub.protocol.Payload;
import io.hubbub.protocol.cloudevents.CloudEventHeaders;
import io.hubbub.protocol.cloudevents.ConnectResponse;
import io.hubbub.protocol.cloudevents.SystemEventBodies;
import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.HubSettings;
import io.hubbub.server.config.ServerConfig;
import io.hubbub.server.config.UpstreamSettings;
import io.hubbub.server.hub.ClientConnection;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a hub's events to its configured handlers as CloudEvents. Blocking events (connect, user events) make one
 * attempt within the blocking timeout; non-blocking ones (connected, disconnected) retry on network errors, 408,
 * 429 and 5xx after 1, 3 and 5 seconds. Each connection's events are chained, so they reach the handler in order.
 */
public final class WebhookDispatcher implements UpstreamEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final long[] RETRY_DELAYS_SECONDS = {1, 3, 5, 5, 5, 5, 5, 5, 5, 5};
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final ServerConfig config;
    private final UpstreamSettings limits;
    private final WebhookClient client;
    private final AbuseProtection abuseProtection;
    private final CloudEventRequests requests;
    private final WebhookObserver observer;

    /** Calls handlers from the event loops of {@code loops}, over channels of {@code channelClass}. */
    public WebhookDispatcher(ServerConfig config, AccessKeys keys, Clock clock, EventLoopGroup loops,
            Class<? extends Channel> channelClass) {
        this(config, keys, clock, loops, channelClass, WebhookObserver.NONE);
    }

    /** ... telling {@code observer} of every attempt. */
    public WebhookDispatcher(ServerConfig config, AccessKeys keys, Clock clock, EventLoopGroup loops,
            Class<? extends Channel> channelClass, WebhookObserver observer) {
        this.config = config;
        this.observer = observer;
        this.limits = config.upstream();
        this.client = new WebhookClient(limits, loops, channelClass);
        String origin = config.publicEndpoint() != null ? hostOf(config.publicEndpoint().getRawAuthority()) : "localhost";
        this.abuseProtection = new AbuseProtection(client, origin);
        this.requests = new CloudEventRequests(keys, origin, clock);
    }

    @Override
    public boolean handlesUserEvent(String hub, String event) {
        return config.hub(hub).userEventHandler(event) != null;
    }

    @Override
    public boolean handlesConnect(String hub) {
        return config.hub(hub).systemEventHandler("connect") != null;
    }

    @Override
    public CompletableFuture<ConnectOutcome> connect(ConnectContext ctx) {
        EventHandlerSettings handler = config.hub(ctx.hub()).systemEventHandler("connect");
        byte[] body = SystemEventBodies.connect(ctx.identity().claims(), ctx.query(), ctx.headers(),
                ctx.subprotocols());
        CloudEventRequests.Event event = new CloudEventRequests.Event(ctx.hub(), ctx.connectionId(),
                ctx.identity().userId(), "connect", CloudEventHeaders.systemType("connect"), 0, null, null,
                JSON_UTF8, body, requests.signature(ctx.connectionId()));
        return deliverOnce(handler, event, limits.blockingTimeout()).handle((response, error) -> {
            if (error != null) {
                log.warn("connect handler of hub {} failed: {}", ctx.hub(), rootMessage(error));
                return new ConnectOutcome.Rejected(500, "The connect event handler failed.");
            }
            if (response.isSuccess()) {
                try {
                    return new ConnectOutcome.Accepted(ConnectResponse.parse(response.body()),
                            ConnectionStates.fromResponse(response.headers(), null));
                } catch (ConnectResponse.InvalidResponseException e) {
                    log.warn("connect handler of hub {} answered an invalid body: {}", ctx.hub(), e.getMessage());
                    return new ConnectOutcome.Rejected(500, "The connect event handler answered an invalid body.");
                }
            }
            if (response.status() >= 400 && response.status() < 500) {
                return new ConnectOutcome.Rejected(response.status(),
                        new String(response.body(), StandardCharsets.UTF_8));
            }
            return new ConnectOutcome.Rejected(500, "The connect event handler answered HTTP " + response.status()
                    + ".");
        });
    }

    @Override
    public void connected(ClientConnection c) {
        EventHandlerSettings handler = config.hub(c.hub()).systemEventHandler("connected");
        if (handler != null) {
            EventQueue queue = EventQueue.of(c);
            long id = queue.nextEventId();
            queue.nonBlocking(firstAttempt -> deliverWithRetries(handler,
                    () -> event(c, "connected", CloudEventHeaders.systemType("connected"), id, JSON_UTF8,
                            SystemEventBodies.connected()), 0, firstAttempt), false);
        }
    }

    @Override
    public void disconnected(ClientConnection c, String reason) {
        EventHandlerSettings handler = config.hub(c.hub()).systemEventHandler("disconnected");
        if (handler != null) {
            EventQueue queue = EventQueue.of(c);
            long id = queue.nextEventId();
            queue.nonBlocking(firstAttempt -> deliverWithRetries(handler,
                    () -> event(c, "disconnected", CloudEventHeaders.systemType("disconnected"), id, JSON_UTF8,
                            SystemEventBodies.disconnected(reason)), 0, firstAttempt), true);
        }
    }

    @Override
    public CompletableFuture<UserEventOutcome> userEvent(ClientConnection c, String eventName, Payload payload) {
        HubSettings hub = config.hub(c.hub());
        EventHandlerSettings handler = hub.userEventHandler(eventName);
        if (handler == null) {
            return CompletableFuture.completedFuture(new UserEventOutcome.Failed("no handler for " + eventName));
        }
        EventQueue queue = EventQueue.of(c);
        long id = queue.nextEventId();
        return queue.blocking(() -> deliverOnce(handler, event(c, eventName, CloudEventHeaders.userType(eventName), id,
                UserEventBodies.contentType(payload.type()), payload.data()), limits.blockingTimeout())
                .handle((response, error) -> {
                    if (error != null) {
                        return new UserEventOutcome.Failed(rootMessage(error));
                    }
                    if (!response.isSuccess()) {
                        return new UserEventOutcome.Failed("the handler answered HTTP " + response.status()
                                + excerpt(response));
                    }
                    c.connectionState(ConnectionStates.fromResponse(response.headers(), c.connectionState()));
                    return new UserEventOutcome.Handled(UserEventBodies.reply(response));
                }));
    }

    private CloudEventRequests.Event event(ClientConnection c, String name, String type, long id, String contentType,
            byte[] body) {
        String signature = EventQueue.of(c).signature(() -> requests.signature(c.connectionId()));
        return new CloudEventRequests.Event(c.hub(), c.connectionId(), c.userId(), name, type, id, c.subprotocol(),
                c.connectionState(), contentType, body, signature);
    }

    private CompletableFuture<WebhookResponse> deliverOnce(EventHandlerSettings handler,
            CloudEventRequests.Event event, Duration timeout) {
        String validation = CloudEventRequests.url(handler, event.hub(), "validate");
        return abuseProtection.validate(validation).thenCompose(valid -> {
            if (!valid) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "the event handler " + validation + " did not pass abuse protection"));
            }
            long start = System.nanoTime();
            return client.send(() -> requests.build(handler, event, timeout)).whenComplete((response, error) ->
                    observer.attempted(response != null ? response.status() : 0, System.nanoTime() - start));
        });
    }

    /** Delivers with retries; {@code firstAttempt} completes when the first attempt is answered or failed. */
    private CompletableFuture<Void> deliverWithRetries(EventHandlerSettings handler,
            Supplier<CloudEventRequests.Event> event, int attempt, CompletableFuture<Void> firstAttempt) {
        return deliverOnce(handler, event.get(), limits.nonBlockingTimeout()).handle((response, error) -> {
            firstAttempt.complete(null);
            boolean shuttingDown = error != null && rootCause(error) instanceof java.util.concurrent.RejectedExecutionException;
            boolean retryable = !shuttingDown && (error != null || response.status() == 408
                    || response.status() == 429 || response.status() >= 500);
            if (!retryable) {
                if (response != null && !response.isSuccess()) {
                    log.info("event handler answered HTTP {} to a {} event", response.status(), "non-blocking");
                }
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (attempt >= limits.retries()) {
                log.warn("giving up a non-blocking event after {} attempts: {}", attempt + 1,
                        error != null ? rootMessage(error) : "HTTP " + response.status());
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(RETRY_DELAYS_SECONDS[attempt], TimeUnit.SECONDS))
                    .thenCompose(x -> deliverWithRetries(handler, event, attempt + 1, firstAttempt));
        }).thenCompose(f -> f);
    }

    /** ": <text>" of a short text or JSON error body, so the client learns why; "" otherwise. */
    private static String excerpt(WebhookResponse response) {
        String type = response.mediaType();
        if (response.body().length == 0 || !(type.startsWith("text/") || type.equals("application/json"))) {
            return "";
        }
        String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 256 ? text.substring(0, 256) + "..." : text);
    }

    /** The host of {@code host[:port]}, without the port: the WebHook-Request-Origin. */
    static String hostOf(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon > 0 && authority.indexOf(']', colon) < 0 ? authority.substring(0, colon) : authority;
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Lets events already on their way (the disconnected events of a shutdown) finish, briefly, then stops. */
    @Override
    public void close() {
        client.awaitIdle(Duration.ofSeconds(3));
        client.close();
    }
}
