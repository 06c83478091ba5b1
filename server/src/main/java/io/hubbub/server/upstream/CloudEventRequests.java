package io.hubbub.server.upstream;

import io.hubbub.protocol.cloudevents.CloudEventHeaders;
import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.config.EventHandlerSettings;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the CloudEvents (binary mode) POST of one event, with every header a Web PubSub handler reads. */
final class CloudEventRequests {

    /** Set by the client itself, as the JDK client refused them too. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host",
            "transfer-encoding", "upgrade");

    private static final int MAX_CACHED_TARGETS = 1024;
    // header names hashed once, and copied to the wire as bytes
    private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    private static final AsciiString REQUEST_ORIGIN = AsciiString.cached(CloudEventHeaders.REQUEST_ORIGIN);
    private static final AsciiString SPEC_VERSION = AsciiString.cached(CloudEventHeaders.SPEC_VERSION);
    private static final AsciiString TYPE = AsciiString.cached(CloudEventHeaders.TYPE);
    private static final AsciiString SOURCE = AsciiString.cached(CloudEventHeaders.SOURCE);
    private static final AsciiString ID = AsciiString.cached(CloudEventHeaders.ID);
    private static final AsciiString TIME = AsciiString.cached(CloudEventHeaders.TIME);
    private static final AsciiString AWPS_VERSION = AsciiString.cached(CloudEventHeaders.AWPS_VERSION);
    private static final AsciiString SIGNATURE = AsciiString.cached(CloudEventHeaders.SIGNATURE);
    private static final AsciiString CONNECTION_ID = AsciiString.cached(CloudEventHeaders.CONNECTION_ID);
    private static final AsciiString HUB = AsciiString.cached(CloudEventHeaders.HUB);
    private static final AsciiString EVENT_NAME = AsciiString.cached(CloudEventHeaders.EVENT_NAME);
    private static final AsciiString USER_ID = AsciiString.cached(CloudEventHeaders.USER_ID);
    private static final AsciiString SUBPROTOCOL = AsciiString.cached(CloudEventHeaders.SUBPROTOCOL);
    private static final AsciiString CONNECTION_STATE = AsciiString.cached(CloudEventHeaders.CONNECTION_STATE);

    private final AccessKeys keys;
    private final String origin;
    private final Clock clock;
    private final ConcurrentHashMap<String, WebhookTarget> targets = new ConcurrentHashMap<>();
    private volatile FormattedSecond time = new FormattedSecond(Long.MIN_VALUE, ""); // any thread; racing is harmless

    private record FormattedSecond(long epochSecond, String text) {
    }

    CloudEventRequests(AccessKeys keys, String origin, Clock clock) {
        this.keys = keys;
        this.origin = origin;
        this.clock = clock;
    }

    /** Describes one event of one connection. */
    record Event(String hub, String connectionId, String userId, String eventName, String ceType, long id,
            String subprotocol, String connectionState, String contentType, byte[] body, String signature) {
    }

    static String url(EventHandlerSettings handler, String hub, String event) {
        return handler.urlTemplate()
                .replace("{hub}", encode(hub))
                .replace("{event}", encode(event));
    }

    WebhookRequest build(EventHandlerSettings handler, Event e, Duration timeout) {
        WebhookRequest request = WebhookRequest.post(target(url(handler, e.hub(), e.eventName())),
                e.body(), timeout);
        HttpHeaders h = request.headers();
        h.add(CONTENT_TYPE, e.contentType());
        h.add(REQUEST_ORIGIN, origin);
        h.add(SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        h.add(TYPE, e.ceType());
        h.add(SOURCE, CloudEventHeaders.source(e.hub(), e.connectionId()));
        h.add(ID, Long.toString(e.id()));
        h.add(TIME, time());
        h.add(AWPS_VERSION, CloudEventHeaders.AWPS_VERSION_VALUE);
        h.add(SIGNATURE, e.signature());
        h.add(CONNECTION_ID, e.connectionId());
        h.add(HUB, e.hub());
        h.add(EVENT_NAME, e.eventName());
        if (e.userId() != null) {
            h.add(USER_ID, e.userId());
        }
        if (e.subprotocol() != null) {
            h.add(SUBPROTOCOL, e.subprotocol());
        }
        if (e.connectionState() != null && !e.connectionState().isEmpty()) {
            h.add(CONNECTION_STATE, e.connectionState());
        }
        if (handler.authHeaderName() != null) {
            if (RESTRICTED.contains(handler.authHeaderName().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("restricted header name: " + handler.authHeaderName());
            }
            h.add(handler.authHeaderName(), handler.authHeaderValue());
        }
        return request;
    }

    /** Parsing a URL costs more than the rest of the request; a few hundred URLs cover a node's handlers. */
    private WebhookTarget target(String url) {
        WebhookTarget target = targets.get(url);
        if (target == null) {
            target = WebhookTarget.of(URI.create(url));
            if (targets.size() < MAX_CACHED_TARGETS) { // clients choose event names: bounded
                targets.put(url, target);
            }
        }
        return target;
    }

    /** ce-time, like {@code 2021-01-01T00:00:00Z}: formatted once per second. */
    String time() {
        long second = Math.floorDiv(clock.millis(), 1000);
        FormattedSecond t = time;
        if (t.epochSecond() != second) {
            t = new FormattedSecond(second, DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)));
            time = t;
        }
        return t.text();
    }

    /** {@code sha256=<hex>} per access key, primary first, joined with ','. */
    String signature(String connectionId) {
        List<byte[]> macs = keys.signWithEach(connectionId.getBytes(StandardCharsets.UTF_8));
        StringJoiner joiner = new StringJoiner(",");
        for (byte[] mac : macs) {
            joiner.add("sha256=" + HexFormat.of().formatHex(mac));
        }
        return joiner.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
