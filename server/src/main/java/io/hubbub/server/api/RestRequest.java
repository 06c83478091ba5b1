package io.hubbub.server.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A REST call as the operations see it: path split on literal '/' before each segment is percent-decoded (so
 * {@code %2F} stays inside a user id), query parameters by case-insensitive name, list parameters accepted both
 * repeated and comma-separated.
 */
public final class RestRequest {

    private final FullHttpRequest request;
    private final String rawPath;
    private final List<String> segments;
    private final Map<String, List<String>> query;
    private final String scheme;

    RestRequest(FullHttpRequest request, String scheme) {
        this.request = request;
        this.scheme = scheme;
        String uri = request.uri();
        int q = uri.indexOf('?');
        this.rawPath = q >= 0 ? uri.substring(0, q) : uri;
        this.segments = decodeSegments(rawPath);
        Map<String, List<String>> params = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (q >= 0) {
            try {
                new QueryStringDecoder(uri).parameters().forEach((k, v) ->
                        params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("The query string is not correctly encoded.");
            }
        }
        this.query = params;
    }

    private static List<String> decodeSegments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.split("/", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            try {
                out.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("The path segment '" + raw + "' is not correctly percent-encoded.");
            }
        }
        return out;
    }

    public HttpMethod method() {
        return request.method();
    }

    public String rawPath() {
        return rawPath;
    }

    /** Decoded path segments, e.g. {@code [api, hubs, chat, groups, g 1, :send]}. */
    public List<String> segments() {
        return segments;
    }

    public HttpHeaders headers() {
        return request.headers();
    }

    public ByteBuf content() {
        return request.content();
    }

    public byte[] body() {
        return ByteBufUtil.getBytes(request.content());
    }

    /** The single value of a query parameter (the last one if repeated), or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Every value of a list parameter, repeated or comma-separated, without empty entries. */
    public List<String> list(String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    out.add(trimmed);
                }
            }
        }
        return out;
    }

    /** An integer query parameter within bounds, or {@code fallback} when absent. */
    public int intParam(String name, int min, int max, int fallback) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("The parameter '" + name + "' must be an integer between " + min + " and "
                + max + ", was '" + value + "'.");
    }

    /** {@code scheme://host[:port]} the caller used to reach us, for absolute links. */
    public String origin() {
        String host = request.headers().get("Host");
        return scheme + "://" + (host == null ? "localhost" : host);
    }
}
