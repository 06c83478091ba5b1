package io.hubbub.chat.events;

import io.javalin.http.Context;

/**
 * One CloudEvents (binary mode) request from the service: the {@code ce-*} headers that matter here and the body.
 *
 * @param type {@code azure.webpubsub.sys.<event>} or {@code azure.webpubsub.user.<event>}
 * @param userId null for anonymous connections
 */
public record CloudEvent(String type, String eventName, String hub, String connectionId, String userId,
        String signature, String contentType, byte[] body) {

    static final String SYSTEM_PREFIX = "azure.webpubsub.sys.";
    static final String USER_PREFIX = "azure.webpubsub.user.";

    static CloudEvent from(Context ctx) {
        return new CloudEvent(ctx.header("ce-type"), ctx.header("ce-eventName"), ctx.header("ce-hub"),
                ctx.header("ce-connectionId"), ctx.header("ce-userId"), ctx.header("ce-signature"),
                ctx.contentType(), ctx.bodyAsBytes());
    }

    boolean isSystem() {
        return type != null && type.startsWith(SYSTEM_PREFIX);
    }

    boolean isUser() {
        return type != null && type.startsWith(USER_PREFIX);
    }

    /** The media type without parameters, lower-cased; empty when absent. */
    String mediaType() {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
