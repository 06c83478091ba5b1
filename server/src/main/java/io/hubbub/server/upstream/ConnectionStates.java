package io.hubbub.server.upstream;

import io.hubbub.protocol.cloudevents.CloudEventHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ce-connectionState} a blocking event's response sets: one header replaces the stored value, an empty
 * one clears it, none keeps it; several headers or more than 4 KB are ignored (and logged), keeping the old value.
 */
final class ConnectionStates {

    static final int MAX_STATE_LENGTH = 4096;
    private static final Logger log = LoggerFactory.getLogger(ConnectionStates.class);

    private ConnectionStates() {
    }

    static String fromResponse(HttpHeaders headers, String current) {
        List<String> values = headers.getAll(CloudEventHeaders.CONNECTION_STATE);
        if (values.isEmpty()) {
            return current;
        }
        if (values.size() > 1) {
            log.warn("event handler sent {} ce-connectionState headers; keeping the previous state", values.size());
            return current;
        }
        String value = values.get(0);
        if (value.length() > MAX_STATE_LENGTH) {
            log.warn("event handler sent a ce-connectionState of {} characters (limit {}); keeping the previous state",
                    value.length(), MAX_STATE_LENGTH);
            return current;
        }
        return value.isEmpty() ? null : value;
    }
}
