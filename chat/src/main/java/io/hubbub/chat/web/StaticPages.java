package io.hubbub.chat.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * The browser client, served from the classpath folder {@code /web}, and the headers every response carries. The
 * content security policy allows scripts and styles from this origin only, so even a rendering bug that put a
 * user's {@code <img onerror>} into the page could not run it; WebSockets may go to any host (the service's).
 */
public final class StaticPages {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    private StaticPages() {
    }

    public static void install(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
        });
        config.routes.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        });
    }
}
