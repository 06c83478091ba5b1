package io.hubbub.server.upstream;

import io.hubbub.protocol.cloudevents.CloudEventHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CloudEvents abuse protection: before the first delivery to a handler URL, an {@code OPTIONS} request asks the
 * handler to allow our origin. A success is cached for good; after a failure the URL is re-validated at most every
 * 10 seconds, and deliveries fail meanwhile. The first failure of a URL is logged with its reason.
 */
final class AbuseProtection {

    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(AbuseProtection.class);

    private final WebhookClient client;
    private final String origin;
    private final ConcurrentHashMap<String, Attempt> attempts = new ConcurrentHashMap<>();

    private record Attempt(CompletableFuture<Boolean> result, long startedNanos, boolean loggedFailure) {
    }

    AbuseProtection(WebhookClient client, String origin) {
        this.client = client;
        this.origin = origin;
    }

    /** Completes true once {@code validationUrl} allowed our origin; false while it does not. */
    CompletableFuture<Boolean> validate(String validationUrl) {
        Attempt current = attempts.get(validationUrl);
        if (current != null && (!current.result.isDone() || current.result.getNow(false)
                || System.nanoTime() - current.startedNanos < RETRY_AFTER_FAILURE.toNanos())) {
            return current.result;
        }
        boolean alreadyLogged = current != null && current.loggedFailure;
        Attempt next = new Attempt(new CompletableFuture<>(), System.nanoTime(), true);
        Attempt winner = current == null
                ? attempts.putIfAbsent(validationUrl, next)
                : (attempts.replace(validationUrl, current, next) ? null : attempts.get(validationUrl));
        if (winner != null) {
            return winner.result;
        }
        client.send(() -> validationRequest(validationUrl))
                .whenComplete((response, error) -> {
                    String problem = error != null ? "request failed: " + error
                            : !response.isSuccess() ? "answered HTTP " + response.status()
                            : allows(response.headers().getAll(CloudEventHeaders.ALLOWED_ORIGIN)) ? null
                            : "WebHook-Allowed-Origin " + response.headers().getAll(CloudEventHeaders.ALLOWED_ORIGIN)
                                    + " does not allow " + origin;
                    if (problem != null) {
                        if (alreadyLogged) {
                            log.debug("event handler {} still fails abuse protection: {}", validationUrl, problem);
                        } else {
                            log.warn("event handler {} failed abuse protection and will not be called: {}",
                                    validationUrl, problem);
                        }
                    }
                    next.result.complete(problem == null);
                });
        return next.result;
    }

    private WebhookRequest validationRequest(String validationUrl) {
        WebhookRequest request = WebhookRequest.options(WebhookTarget.of(URI.create(validationUrl)), TIMEOUT);
        request.headers().add(CloudEventHeaders.REQUEST_ORIGIN, origin);
        request.headers().add(CloudEventHeaders.AWPS_VERSION, CloudEventHeaders.AWPS_VERSION_VALUE);
        return request;
    }

    /** {@code *}, our origin, or our origin with a port, in any of the header lines or comma-separated values. */
    boolean allows(List<String> allowedOrigins) {
        String ours = origin.toLowerCase(Locale.ROOT);
        for (String line : allowedOrigins) {
            for (String value : line.split(",")) {
                String v = value.trim().toLowerCase(Locale.ROOT);
                if (v.equals("*") || v.equals(ours) || v.startsWith(ours + ":")) {
                    return true;
                }
            }
        }
        return false;
    }
}
