package io.hubbub.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.testkit.TestServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the load generator working: a short, small run of two scenarios against an in-process node. It asserts
 * that messages were delivered without errors, never how fast.
 */
class LoadGeneratorSmokeIT {

    private static final int CONNECTIONS = 200;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static RunResult run(Scenario scenario, double rate) throws Exception {
        LoadSettings settings = LoadSettings.defaults(CONNECTIONS, rate)
                .withTiming(Duration.ofSeconds(1), Duration.ofSeconds(5))
                .withMeasureHeap(false);
        ServerUnderTest target = ServerUnderTest.external(URI.create(server.endpoint()), TestServer.ACCESS_KEY,
                ProcessHandle.current().pid());
        return LoadRun.runOnce(target, settings, scenario);
    }

    @Test
    void shouldDeliverBroadcastsToEveryConnection() throws Exception {
        RunResult r = run(Scenario.BROADCAST, 5);

        assertThat(r.connected()).isEqualTo(CONNECTIONS);
        assertThat(r.errors()).isZero();
        assertThat(r.delivered()).isPositive();
        assertThat(r.fanOut()).isEqualTo(CONNECTIONS);
        assertThat(r.markdownRow()).startsWith("| hubbub | broadcast | 200 |");
    }

    @Test
    void shouldDeliverSmallGroupMessagesPublishedByMembers() throws Exception {
        RunResult r = run(Scenario.SMALL_GROUPS, 100);

        assertThat(r.connected()).isEqualTo(CONNECTIONS);
        assertThat(r.errors()).isZero();
        assertThat(r.delivered()).isPositive();
        assertThat(r.fanOut()).isEqualTo(Scenario.SMALL_GROUP_SIZE);
        assertThat(r.p99Millis()).isPositive();
    }
}
