package io.hubbub.bench.load;

import java.net.URI;

/** The Hubbub node the load goes to: where it listens, its access key, and its pid when /proc can be read. */
public interface ServerUnderTest extends AutoCloseable {

    /** {@code http://host:port} */
    URI endpoint();

    String accessKey();

    /** The server's process id for CPU/RSS/heap readings, or -1 when unknown or when it is this process. */
    long pid();

    @Override
    void close();

    /** A server someone else started (or an in-process test server): never stopped by the generator. */
    static ServerUnderTest external(URI endpoint, String accessKey, long pid) {
        return new ServerUnderTest() {
            @Override
            public URI endpoint() {
                return endpoint;
            }

            @Override
            public String accessKey() {
                return accessKey;
            }

            @Override
            public long pid() {
                return pid == ProcessHandle.current().pid() ? -1 : pid;
            }

            @Override
            public void close() {
            }
        };
    }
}
