package io.hubbub.chat.web;

import io.hubbub.chat.domain.ChatException;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place errors become HTTP responses: {@code {"error":{"code","message"}}} with the matching status. */
public final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static void install(RoutesConfig routes) {
        routes.exception(ChatException.class, (e, ctx) ->
                ctx.status(e.status()).json(body(e.code(), e.getMessage())));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(body("InternalServerError", "something went wrong; the server log has details"));
        });
    }

    static Map<String, Object> body(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }
}
