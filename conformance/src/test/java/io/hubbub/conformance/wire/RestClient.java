package io.hubbub.conformance.wire;

import io.hubbub.testkit.ClientTokens;
import io.hubbub.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw REST calls as the server SDKs make them: plain HTTP/1.1, {@code Authorization: Bearer} with a JWT whose
 * {@code aud} is the full request URL, signed with the primary key. Negative tests build their own requests.
 */
final class RestClient {

    static final String API_VERSION = "2024-12-01";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    // HTTP/1.1 like every SDK; the JDK default would offer an h2c upgrade no SDK sends.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private final String endpoint;

    RestClient(String endpoint) {
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    /** {@code {"aud":aud,"exp":now+1h}} signed with the primary key, as the Java SDK signs it. */
    static String token(String aud) {
        return token(aud, TestServer.ACCESS_KEY);
    }

    static String token(String aud, String key) {
        return ClientTokens.sign(claims(aud, Instant.now().plusSeconds(3600)), key);
    }

    static Map<String, Object> claims(String aud, Instant exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", aud);
        claims.put("exp", exp.getEpochSecond());
        return claims;
    }

    /** A request to {@code endpoint + pathAndQuery}, without any Authorization header. */
    HttpRequest.Builder unsigned(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery)).timeout(TIMEOUT);
    }

    /** A request to {@code endpoint + pathAndQuery} carrying a valid token for exactly that URL. */
    HttpRequest.Builder signed(String pathAndQuery) {
        return withToken(pathAndQuery, token(endpoint + pathAndQuery));
    }

    HttpRequest.Builder withToken(String pathAndQuery, String token) {
        return unsigned(pathAndQuery).header("Authorization", "Bearer " + token);
    }

    /** Fetches an absolute URL verbatim (a nextLink) with a token whose aud is that URL. */
    HttpResponse<String> getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token(url)).GET().build());
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, String body) {
        return post(pathAndQuery, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, byte[] body) {
        HttpRequest.Builder b = signed(pathAndQuery).POST(BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    HttpResponse<String> method(String method, String pathAndQuery) {
        return send(signed(pathAndQuery).method(method, BodyPublishers.noBody()).build());
    }

    /** POST /api/hubs/{hub}/:send with a text/plain body; asserts nothing. */
    HttpResponse<String> sendToAll(String hub, String text) {
        return post("/api/hubs/" + hub + "/:send?api-version=" + API_VERSION, "text/plain", text);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
