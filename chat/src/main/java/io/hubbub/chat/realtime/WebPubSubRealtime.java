package io.hubbub.chat.realtime;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.rest.RequestOptions;
import com.azure.messaging.webpubsub.WebPubSubServiceClient;
import com.azure.messaging.webpubsub.WebPubSubServiceClientBuilder;
import com.azure.messaging.webpubsub.models.GetClientAccessTokenOptions;
import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;

/** {@link Realtime} on the official Java SDK, over the JDK HTTP client (no Netty 4.1 next to anything). */
public final class WebPubSubRealtime implements Realtime {

    /** Client tokens are checked only at connect; the browser fetches a new URL for every reconnect. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(60);
    // a publish runs inside a webhook the service waits on for up to 20 s: fail well before that
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final WebPubSubServiceClient client;
    private final ObjectMapper json;

    public WebPubSubRealtime(String connectionString, String hub, ObjectMapper json) {
        HttpClient http = new JdkHttpClientBuilder()
                .connectionTimeout(REQUEST_TIMEOUT)
                .responseTimeout(REQUEST_TIMEOUT)
                .build();
        this.client = new WebPubSubServiceClientBuilder()
                .connectionString(connectionString)
                .hub(hub)
                .httpClient(http)
                .buildClient();
        this.json = json;
    }

    @Override
    public String clientUrl(String userId, List<String> roles) {
        GetClientAccessTokenOptions options = new GetClientAccessTokenOptions()
                .setUserId(userId)
                .setRoles(roles)
                .setExpiresAfter(TOKEN_LIFETIME);
        return client.getClientAccessToken(options).getUrl();
    }

    @Override
    public void sendToRoom(String room, Object event) {
        client.sendToGroup(Realtime.group(room), serialize(event), WebPubSubContentType.APPLICATION_JSON);
    }

    @Override
    public void sendToUser(String userId, Object event) {
        client.sendToUser(userId, serialize(event), WebPubSubContentType.APPLICATION_JSON);
    }

    @Override
    public void sendToAll(Object event) {
        client.sendToAll(serialize(event), WebPubSubContentType.APPLICATION_JSON);
    }

    @Override
    public void addUserToRoom(String userId, String room) {
        client.addUserToGroupWithResponse(Realtime.group(room), userId, new RequestOptions());
    }

    @Override
    public void removeUserFromRoom(String userId, String room) {
        client.removeUserFromGroupWithResponse(Realtime.group(room), userId, new RequestOptions());
    }

    private String serialize(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + event, e);
        }
    }
}
