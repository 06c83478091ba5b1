package io.hubbub.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.protocol.filter.ODataFilter;
import io.hubbub.server.cluster.Backplane;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.hubbub.server.hub.permission.Permission;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Group membership, closes, existence checks and permissions: everything but sends, tokens and listing. */
final class ManagementOperations {

    static final String DEFAULT_CLOSE_REASON = "Closed by REST API.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Backplane backplane;

    ManagementOperations(Backplane backplane) {
        this.backplane = backplane;
    }

    void register(RestRoutes routes) {
        routes.add(HttpMethod.POST, ":addToGroups", call -> groupsByFilter(call, true))
                .add(HttpMethod.POST, ":removeFromGroups", call -> groupsByFilter(call, false))
                .add(HttpMethod.POST, ":closeConnections", call -> close(call, Target.ALL))
                .add(HttpMethod.DELETE, "connections/{connection}", this::closeConnection)
                .add(HttpMethod.HEAD, "connections/{connection}",
                        call -> exists(backplane.connectionExists(call.hub(), call.path("connection"))))
                .add(HttpMethod.DELETE, "connections/{connection}/groups", call -> noContent(
                        backplane.removeConnectionFromAllGroups(call.hub(), call.path("connection"))))
                .add(HttpMethod.HEAD, "groups/{group}",
                        call -> exists(backplane.groupExists(call.hub(), Names.group(call.path("group")))))
                .add(HttpMethod.POST, "groups/{group}/:closeConnections",
                        call -> close(call, Target.group(Names.group(call.path("group")))))
                .add(HttpMethod.PUT, "groups/{group}/connections/{connection}", this::addConnectionToGroup)
                .add(HttpMethod.DELETE, "groups/{group}/connections/{connection}", call -> noContent(
                        backplane.removeConnectionFromGroup(call.hub(), call.path("connection"),
                                Names.group(call.path("group")))))
                .add(HttpMethod.PUT, "permissions/{permission}/connections/{connection}", this::grant)
                .add(HttpMethod.DELETE, "permissions/{permission}/connections/{connection}", call -> noContent(
                        backplane.revokePermission(call.hub(), call.path("connection"), permission(call),
                                targetName(call))))
                .add(HttpMethod.HEAD, "permissions/{permission}/connections/{connection}", call -> exists(
                        backplane.checkPermission(call.hub(), call.path("connection"), permission(call),
                                targetName(call))))
                .add(HttpMethod.HEAD, "users/{user}", call -> exists(backplane.userExists(call.hub(), call.path("user"))))
                .add(HttpMethod.POST, "users/{user}/:closeConnections",
                        call -> close(call, Target.user(call.path("user"))))
                .add(HttpMethod.DELETE, "users/{user}/groups", call -> noContent(backplane.removeFromGroups(
                        call.hub(), Target.user(call.path("user")), Selector.EVERYONE, null)))
                .add(HttpMethod.PUT, "users/{user}/groups/{group}", call -> ok(backplane.addToGroups(call.hub(),
                        Target.user(call.path("user")), Selector.EVERYONE, List.of(Names.group(call.path("group"))))))
                .add(HttpMethod.DELETE, "users/{user}/groups/{group}", call -> noContent(backplane.removeFromGroups(
                        call.hub(), Target.user(call.path("user")), Selector.EVERYONE,
                        List.of(Names.group(call.path("group"))))));
    }

    private CompletableFuture<FullHttpResponse> groupsByFilter(RestCall call, boolean add) {
        JsonNode body = jsonBody(call.request());
        JsonNode groupsNode = body.get("groups");
        if (groupsNode == null || !groupsNode.isArray() || groupsNode.isEmpty()) {
            throw ApiException.badRequest("The body must have a non-empty 'groups' array.");
        }
        List<String> groups = new ArrayList<>();
        for (JsonNode g : groupsNode) {
            if (!g.isTextual()) {
                throw ApiException.badRequest("Every entry of 'groups' must be a string.");
            }
            groups.add(Names.group(g.textValue()));
        }
        JsonNode filterNode = body.get("filter");
        if (filterNode != null && !filterNode.isNull() && !filterNode.isTextual()) {
            throw ApiException.badRequest("'filter' must be a string.");
        }
        ODataFilter filter = filterNode == null || filterNode.isNull() || filterNode.textValue().isBlank()
                ? null : SendOperations.filter(filterNode.textValue());
        Selector selector = Selector.of(Set.of(), filter);
        return ok(add
                ? backplane.addToGroups(call.hub(), Target.ALL, selector, groups)
                : backplane.removeFromGroups(call.hub(), Target.ALL, selector, groups));
    }

    private CompletableFuture<FullHttpResponse> close(RestCall call, Target target) {
        Selector selector = Selector.of(Set.copyOf(call.request().list("excluded")), null);
        return noContent(backplane.close(call.hub(), target, selector, reason(call)));
    }

    private CompletableFuture<FullHttpResponse> closeConnection(RestCall call) {
        return noContent(backplane.closeConnection(call.hub(), call.path("connection"), reason(call)));
    }

    private CompletableFuture<FullHttpResponse> addConnectionToGroup(RestCall call) {
        String group = Names.group(call.path("group"));
        String id = call.path("connection");
        return backplane.addConnectionToGroup(call.hub(), id, group).thenApply(found -> {
            if (!found) {
                throw ApiException.notFound("Connection id '" + id + "' doesn't exist.");
            }
            return ApiResponses.empty(HttpResponseStatus.OK);
        });
    }

    private CompletableFuture<FullHttpResponse> grant(RestCall call) {
        String id = call.path("connection");
        return backplane.grantPermission(call.hub(), id, permission(call), targetName(call)).thenApply(found -> {
            if (!found) {
                throw ApiException.notFound("Connection id '" + id + "' doesn't exist.");
            }
            return ApiResponses.empty(HttpResponseStatus.OK);
        });
    }

    private static Permission permission(RestCall call) {
        Permission permission = Permission.fromPathSegment(call.path("permission"));
        if (permission == null) {
            throw ApiException.badRequest("Unknown permission '" + call.path("permission")
                    + "'; use joinLeaveGroup or sendToGroup.");
        }
        return permission;
    }

    private static String targetName(RestCall call) {
        String target = call.request().param("targetName");
        return target == null || target.isEmpty() ? null : Names.group(target);
    }

    private static String reason(RestCall call) {
        String reason = call.request().param("reason");
        return reason == null || reason.isEmpty() ? DEFAULT_CLOSE_REASON : reason;
    }

    private static JsonNode jsonBody(RestRequest request) {
        String mediaType = PayloadReader.mediaType(request.headers().get("Content-Type"));
        if (!mediaType.isEmpty() && !mediaType.equals("application/json")) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    io.hubbub.protocol.rest.ErrorBody.UNSUPPORTED_MEDIA_TYPE,
                    "The body must be application/json, was '" + mediaType + "'.");
        }
        try {
            JsonNode node = JSON.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("The body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("The body is not valid JSON.");
        }
    }

    private static CompletableFuture<FullHttpResponse> exists(CompletableFuture<Boolean> exists) {
        return exists.thenApply(found -> ApiResponses.empty(found ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND));
    }

    private static CompletableFuture<FullHttpResponse> ok(CompletableFuture<?> done) {
        return done.thenApply(x -> ApiResponses.empty(HttpResponseStatus.OK));
    }

    private static CompletableFuture<FullHttpResponse> noContent(CompletableFuture<?> done) {
        return done.thenApply(x -> ApiResponses.empty(HttpResponseStatus.NO_CONTENT));
    }
}
