package io.hubbub.server.api;

import io.hubbub.protocol.rest.ErrorBody;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The route table under {@code /api/hubs/{hub}/}: each route is a method and a pattern of literal segments
 * (compared case-insensitively) and {@code {variables}} (matched against one decoded segment).
 */
final class RestRoutes {

    @FunctionalInterface
    interface Operation {
        CompletableFuture<FullHttpResponse> handle(RestCall call);
    }

    private record Route(HttpMethod method, String[] pattern, Operation operation) {
    }

    private final List<Route> routes = new ArrayList<>();

    RestRoutes add(HttpMethod method, String pattern, Operation operation) {
        routes.add(new Route(method, pattern.isEmpty() ? new String[0] : pattern.split("/"), operation));
        return this;
    }

    /**
     * Finds and runs the operation for {@code segments} (the decoded path after the hub).
     *
     * @throws ApiException 404 for an unknown path, 405 for a known path with another method
     */
    CompletableFuture<FullHttpResponse> dispatch(RestRequest request, String hub, List<String> segments) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> vars = match(route.pattern, segments);
            if (vars == null) {
                continue;
            }
            pathKnown = true;
            if (route.method.equals(request.method())) {
                return route.operation.handle(new RestCall(request, hub, vars));
            }
        }
        if (pathKnown) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, ErrorBody.METHOD_NOT_ALLOWED,
                    "The method " + request.method() + " is not allowed on " + request.rawPath() + ".");
        }
        throw ApiException.notFound("No operation matches " + request.method() + " " + request.rawPath() + ".");
    }

    private static Map<String, String> match(String[] pattern, List<String> segments) {
        if (pattern.length != segments.size()) {
            return null;
        }
        Map<String, String> vars = new HashMap<>(4);
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            String s = segments.get(i);
            if (p.startsWith("{")) {
                vars.put(p.substring(1, p.length() - 1), s);
            } else if (!p.equalsIgnoreCase(s)) {
                return null;
            }
        }
        return vars;
    }
}
