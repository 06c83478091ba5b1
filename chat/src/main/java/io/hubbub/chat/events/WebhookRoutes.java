package io.hubbub.chat.events;

import io.hubbub.chat.domain.ChatException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code OPTIONS|POST /api/pubsub/events}, the hub's event handler URL. OPTIONS answers abuse protection for the
 * configured origins; POST checks that the event is for our hub and signed with our key, then hands it to
 * {@link EventDispatcher}, whose answer (or error status) goes back to the service.
 */
public final class WebhookRoutes {

    public static final String PATH = "/api/pubsub/events";
    private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);

    private final String hub;
    private final List<String> allowedOrigins;
    private final SignatureVerifier signatures;
    private final EventDispatcher dispatcher;

    public WebhookRoutes(String hub, List<String> allowedOrigins, SignatureVerifier signatures,
            EventDispatcher dispatcher) {
        this.hub = hub;
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.signatures = signatures;
        this.dispatcher = dispatcher;
    }

    public void register(RoutesConfig routes) {
        routes.options(PATH, this::validate);
        routes.post(PATH, this::receive);
    }

    private void validate(Context ctx) {
        String origin = ctx.header("WebHook-Request-Origin");
        if (origin == null || origin.isBlank()) {
            throw ChatException.badRequest("WebHook-Request-Origin header is required");
        }
        if (!allowedOrigins.contains("*") && !allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT))) {
            // the service will not deliver any event until this passes: say loudly how to fix it
            log.warn("refused abuse-protection request from origin '{}' (allowed: {}); if that is your service, add it "
                    + "to allowedWebhookOrigins", origin, allowedOrigins);
            throw ChatException.forbidden("origin " + origin + " is not allowed; allowed: " + allowedOrigins);
        }
        ctx.header("WebHook-Allowed-Origin", origin.trim());
        ctx.status(200);
    }

    private void receive(Context ctx) {
        CloudEvent event = CloudEvent.from(ctx);
        if (event.type() == null || event.connectionId() == null) {
            throw ChatException.badRequest("not a Web PubSub CloudEvent: ce-type and ce-connectionId are required");
        }
        if (event.hub() == null || !event.hub().equalsIgnoreCase(hub)) {
            throw ChatException.badRequest("this handler serves hub '" + hub + "', not '" + event.hub() + "'");
        }
        if (!signatures.verify(event.connectionId(), event.signature())) {
            throw ChatException.unauthorized("ce-signature does not match the access key");
        }
        EventDispatcher.Reply reply = dispatcher.dispatch(event);
        if (reply.body() == null) {
            ctx.status(204);
        } else {
            ctx.status(200).json(reply.body());
        }
    }
}
