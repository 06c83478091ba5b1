package io.hubbub.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** The Redis the cluster tests use: {@code HUBBUB_TEST_REDIS}, by default {@code redis://127.0.0.1:6379}. */
public final class TestRedis {

    public static final URI URI = java.net.URI.create(System.getenv().getOrDefault("HUBBUB_TEST_REDIS",
            "redis://127.0.0.1:6379"));

    private TestRedis() {
    }

    /** Whether something accepts connections at {@link #URI}: tests that need Redis are skipped without it. */
    public static boolean isReachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(URI.getHost(), URI.getPort() == -1 ? 6379 : URI.getPort()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
