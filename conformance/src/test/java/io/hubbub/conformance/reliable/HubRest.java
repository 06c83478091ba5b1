package io.hubbub.conformance.reliable;

import io.hubbub.testkit.ClientTokens;
import io.hubbub.testkit.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The few REST calls the reliable ITs make against one hub, straight to the server (never through a proxy), signed
 * as the server SDKs sign them. Each method returns the HTTP status.
 */
final class HubRest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String endpoint;
    private final String hub;

    HubRest(TestServer server, String hub) {
        this.endpoint = server.endpoint();
        this.hub = hub;
    }

    /** {@code POST /groups/{group}/:send} with a text body; {@code ttlSeconds} null = no messageTtlSeconds. */
    int sendToGroup(String group, String text, Integer ttlSeconds) {
        return post("/groups/" + encode(group) + "/:send", text, ttlSeconds, "text/plain");
    }

    /** The same with a JSON body. */
    int sendJsonToGroup(String group, String json) {
        return post("/groups/" + encode(group) + "/:send", json, null, "application/json");
    }

    /** {@code POST /connections/{id}/:send} with a text body; {@code ttlSeconds} null = no messageTtlSeconds. */
    int sendToConnection(String connectionId, String text, Integer ttlSeconds) {
        return post("/connections/" + encode(connectionId) + "/:send", text, ttlSeconds, "text/plain");
    }

    /** {@code HEAD /connections/{id}}: 200 while the logical connection lives, 404 once it ended. */
    int connectionExists(String connectionId) {
        return send("/connections/" + encode(connectionId), Map.of(),
                b -> b.method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code DELETE /connections/{id}?reason=...}: the REST close. */
    int closeConnection(String connectionId, String reason) {
        return send("/connections/" + encode(connectionId), Map.of("reason", reason), HttpRequest.Builder::DELETE);
    }

    private int post(String path, String body, Integer ttlSeconds, String contentType) {
        Map<String, String> query = ttlSeconds == null ? Map.of() : Map.of("messageTtlSeconds", ttlSeconds.toString());
        return send(path, query, b -> b.header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private int send(String path, Map<String, String> query, UnaryOperator<HttpRequest.Builder> how) {
        StringBuilder url = new StringBuilder(endpoint).append("/api/hubs/").append(hub).append(path)
                .append("?api-version=2024-12-01");
        query.forEach((k, v) -> url.append('&').append(k).append('=').append(encode(v)));
        String token = ClientTokens.sign(Map.of("aud", url.toString(),
                "exp", System.currentTimeMillis() / 1000 + 600), TestServer.ACCESS_KEY);
        HttpRequest request = how.apply(HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("REST call failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
