package io.hubbub.server.gateway;

import io.hubbub.server.api.Names;
import io.hubbub.server.auth.RestTokenVerifier;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client upgrade request, parsed: {@code /client/hubs/{hub}} or {@code /client/?hub={hub}}, the token from the
 * query or the Authorization header, the offered subprotocols and the simple-client mode.
 */
record ClientRequest(
        String hub,
        boolean hubInQuery,
        String token,
        Map<String, List<String>> query,
        List<String> subprotocols,
        String publishGroup,
        String recoveryConnectionId,
        String recoveryToken) {

    /** Why the request cannot become a client connection; answered with {@code status} before any upgrade. */
    static final class Rejected extends Exception {
        final int status;

        Rejected(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static ClientRequest parse(FullHttpRequest request) throws Rejected {
        try {
            return parseUnchecked(request);
        } catch (IllegalArgumentException e) {
            // Netty decodes lazily: a bad percent-escape surfaces from parameters(), rawPath() or decodeComponent().
            throw new Rejected(400, "The request URL is not correctly encoded.");
        }
    }

    private static ClientRequest parseUnchecked(FullHttpRequest request) throws Rejected {
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        Map<String, List<String>> query = new LinkedHashMap<>(decoder.parameters());
        String path = decoder.rawPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String hub;
        boolean hubInQuery;
        if (path.regionMatches(true, 0, "/client/hubs/", 0, 13) && path.indexOf('/', 13) < 0) {
            hub = QueryStringDecoder.decodeComponent(path.substring(13));
            hubInQuery = false;
        } else if (path.equalsIgnoreCase("/client")) {
            hub = first(query, "hub");
            hubInQuery = true;
        } else {
            throw new Rejected(404, "Nothing is served at " + path + ".");
        }
        if (hub == null || hub.isEmpty()) {
            throw new Rejected(400, "The hub is required: connect to /client/hubs/{hub} or /client/?hub={hub}.");
        }
        if (!Names.isValidHub(hub)) {
            throw new Rejected(400, "Invalid hub name '" + hub + "'.");
        }
        String token = first(query, "access_token");
        if (token == null || token.isEmpty()) {
            token = RestTokenVerifier.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        }
        String recoveryId = first(query, "awps_connection_id");
        String recoveryToken = first(query, "awps_reconnection_token");
        boolean recovering = recoveryId != null && !recoveryId.isEmpty() && recoveryToken != null
                && !recoveryToken.isEmpty();
        // Interned: every connection keeps its hub's name, and thousands of them share a few names.
        return new ClientRequest(hub.toLowerCase(Locale.ROOT).intern(), hubInQuery, token,
                Collections.unmodifiableMap(query),
                subprotocols(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)),
                recovering ? null : publishGroup(query), recovering ? recoveryId : null,
                recovering ? recoveryToken : null);
    }

    /** {@code webpubsub_mode=sendToGroup&group=g}: the group; {@code sendEvent} (the default): null. */
    private static String publishGroup(Map<String, List<String>> query) throws Rejected {
        String mode = first(query, "webpubsub_mode");
        if (mode == null || mode.equalsIgnoreCase("sendEvent")) {
            return null;
        }
        if (!mode.equalsIgnoreCase("sendToGroup")) {
            throw new Rejected(400, "Unknown webpubsub_mode '" + mode + "'; use sendEvent or sendToGroup.");
        }
        List<String> groups = query.getOrDefault("group", List.of());
        if (groups.size() != 1) {
            throw new Rejected(400, "webpubsub_mode=sendToGroup needs exactly one 'group' parameter.");
        }
        String problem = Names.groupProblem(groups.get(0));
        if (problem != null) {
            throw new Rejected(400, problem);
        }
        return groups.get(0);
    }

    private static List<String> subprotocols(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : header.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

}
