package io.hubbub.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hubbub.server.auth.ClientTokenIssuer;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** {@code POST :generateToken}: a client access token whose audience is this node's client URL for the hub. */
final class TokenOperation {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_MINUTES = 365 * 24 * 60;

    private final ClientTokenIssuer issuer;
    private final URI publicEndpoint;

    TokenOperation(ClientTokenIssuer issuer, URI publicEndpoint) {
        this.issuer = issuer;
        this.publicEndpoint = publicEndpoint;
    }

    void register(RestRoutes routes) {
        routes.add(HttpMethod.POST, ":generateToken", this::generate);
    }

    private CompletableFuture<FullHttpResponse> generate(RestCall call) {
        RestRequest request = call.request();
        int minutes = request.intParam("minutesToExpire", 1, MAX_MINUTES, 60);
        String clientPath = switch (clientType(request.param("clientType"))) {
            case "mqtt" -> "/clients/mqtt/hubs/";
            case "socketio" -> "/clients/socketio/hubs/";
            default -> "/client/hubs/";
        };
        String origin = publicEndpoint != null ? publicEndpoint.toString() : httpOrigin(request);
        String token = issuer.issue(origin + clientPath + call.hub(), request.param("userId"), request.list("role"),
                request.list("group"), Duration.ofMinutes(minutes));
        return CompletableFuture.completedFuture(ApiResponses.json(HttpResponseStatus.OK, body(token)));
    }

    private static String clientType(String value) {
        String type = value == null ? "default" : value.toLowerCase(Locale.ROOT);
        if (!type.equals("default") && !type.equals("mqtt") && !type.equals("socketio")) {
            throw ApiException.badRequest("Unknown clientType '" + value + "'; use Default, MQTT or SocketIO.");
        }
        return type;
    }

    private static String httpOrigin(RestRequest request) {
        return request.origin();
    }

    private static byte[] body(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length() + 16);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("token", token);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
