package io.hubbub.server.upstream;

import io.hubbub.protocol.cloudevents.CloudEventHeaders;
import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.config.EventHandlerSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/** Builds the CloudEvents (binary mode) POST of one event, with every header a Web PubSub handler reads. */
final class CloudEventRequests {

    private final AccessKeys keys;
    private final String origin;

    CloudEventRequests(AccessKeys keys, String origin) {
        this.keys = keys;
        this.origin = origin;
    }

    /** Describes one event of one connection. */
    record Event(String hub, String connectionId, String userId, String eventName, String ceType, long id,
            String subprotocol, String connectionState, String contentType, byte[] body, String signature) {
    }

    static URI url(EventHandlerSettings handler, String hub, String event) {
        return URI.create(handler.urlTemplate()
                .replace("{hub}", encode(hub))
                .replace("{event}", encode(event)));
    }

    HttpRequest build(EventHandlerSettings handler, Event e, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(handler, e.hub(), e.eventName()))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(e.body()))
                .header("Content-Type", e.contentType())
                .header(CloudEventHeaders.REQUEST_ORIGIN, origin)
                .header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .header(CloudEventHeaders.TYPE, e.ceType())
                .header(CloudEventHeaders.SOURCE, CloudEventHeaders.source(e.hub(), e.connectionId()))
                .header(CloudEventHeaders.ID, Long.toString(e.id()))
                .header(CloudEventHeaders.TIME,
                        DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
                .header(CloudEventHeaders.AWPS_VERSION, CloudEventHeaders.AWPS_VERSION_VALUE)
                .header(CloudEventHeaders.SIGNATURE, e.signature())
                .header(CloudEventHeaders.CONNECTION_ID, e.connectionId())
                .header(CloudEventHeaders.HUB, e.hub())
                .header(CloudEventHeaders.EVENT_NAME, e.eventName());
        if (e.userId() != null) {
            b.header(CloudEventHeaders.USER_ID, e.userId());
        }
        if (e.subprotocol() != null) {
            b.header(CloudEventHeaders.SUBPROTOCOL, e.subprotocol());
        }
        if (e.connectionState() != null && !e.connectionState().isEmpty()) {
            b.header(CloudEventHeaders.CONNECTION_STATE, e.connectionState());
        }
        if (handler.authHeaderName() != null) {
            b.header(handler.authHeaderName(), handler.authHeaderValue());
        }
        return b.build();
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
