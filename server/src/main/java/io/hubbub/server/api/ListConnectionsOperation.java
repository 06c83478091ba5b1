package io.hubbub.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hubbub.server.cluster.Backplane;
import io.hubbub.server.hub.LocalHub.Member;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET groups/{group}/connections}: pages of members in connection-id order. The continuation token is the
 * last id returned (a cursor, not an offset), so pages stay correct while members come and go; {@code nextLink} is
 * absolute because pagers fetch it verbatim.
 */
final class ListConnectionsOperation {

    static final int MAX_PAGE_SIZE = 200;
    private static final JsonFactory JSON = new JsonFactory();

    private final Backplane backplane;
    private final URI publicEndpoint;

    ListConnectionsOperation(Backplane backplane, URI publicEndpoint) {
        this.backplane = backplane;
        this.publicEndpoint = publicEndpoint;
    }

    void register(RestRoutes routes) {
        routes.add(HttpMethod.GET, "groups/{group}/connections", this::list);
    }

    private CompletableFuture<FullHttpResponse> list(RestCall call) {
        RestRequest request = call.request();
        String group = Names.group(call.path("group"));
        int pageSize = request.intParam("maxpagesize", 1, MAX_PAGE_SIZE, MAX_PAGE_SIZE);
        int top = request.intParam("top", 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
        String after = decodeToken(request.param("continuationToken"));
        String origin = publicEndpoint != null ? publicEndpoint.toString() : request.origin();
        String apiVersion = request.param("api-version");
        return backplane.groupMembers(call.hub(), group).thenApply(members -> {
            int start = 0;
            if (after != null) {
                while (start < members.size() && members.get(start).connectionId().compareTo(after) <= 0) {
                    start++;
                }
            }
            int count = Math.min(Math.min(pageSize, top), members.size() - start);
            List<Member> page = members.subList(start, start + count);
            int remainingTop = top == Integer.MAX_VALUE ? top : top - count;
            boolean more = start + count < members.size() && remainingTop > 0;
            String nextLink = more ? nextLink(origin, request.rawPath(), apiVersion, pageSize, remainingTop,
                    page.get(page.size() - 1).connectionId()) : null;
            return ApiResponses.json(HttpResponseStatus.OK, body(page, nextLink));
        });
    }

    private static String nextLink(String origin, String rawPath, String apiVersion, int pageSize, int top,
            String lastId) {
        StringBuilder link = new StringBuilder(origin).append(rawPath).append('?');
        if (apiVersion != null) {
            link.append("api-version=").append(encode(apiVersion)).append('&');
        }
        link.append("maxpagesize=").append(pageSize);
        if (top != Integer.MAX_VALUE) {
            link.append("&top=").append(top);
        }
        return link.append("&continuationToken=").append(encodeToken(lastId)).toString();
    }

    private static String encodeToken(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The continuationToken is not one this service issued.");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] body(List<Member> page, String nextLink) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + page.size() * 64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("value");
            for (Member m : page) {
                g.writeStartObject();
                g.writeStringField("connectionId", m.connectionId());
                if (m.userId() != null) {
                    g.writeStringField("userId", m.userId());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (nextLink != null) {
                g.writeStringField("nextLink", nextLink);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
