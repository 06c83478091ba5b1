package io.hubbub.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps the comparison working: each peer (the Node.js {@code ws} and Socket.IO servers from {@code peers/}, and the
 * raw Netty floor) is started in its own process as the comparison starts it, and two scenarios run briefly against
 * it. Asserts delivery of everything sent without errors, never speed.
 */
class PeerServersSmokeIT {

    private static final int CONNECTIONS = 100;

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"WS", "SOCKET_IO", "NETTY_FLOOR"})
    void shouldDeliverBroadcastGroupAndUserMessages(ServerKind kind) throws Exception {
        LoadSettings settings = LoadSettings.defaults(CONNECTIONS, 5)
                .withTiming(Duration.ofSeconds(1), Duration.ofSeconds(3));
        Transport transport = new Transport(2);
        try (ServerProcess server = ServerProcess.start(kind, Path.of("unused.jar"), Path.of("peers"), List.of(),
                0, null, LoadCommand.DEFAULT_ACCESS_KEY, null)) {
            LoadRun run = new LoadRun(server, kind, settings, transport);
            for (Scenario scenario : List.of(Scenario.BROADCAST, Scenario.BIG_GROUP, Scenario.SEND_TO_USER,
                    Scenario.SMALL_GROUPS)) {
                List<RunResult> results = run.runRates(scenario, List.of(scenario == Scenario.SMALL_GROUPS ? 50.0
                        : 5.0));
                RunResult r = results.get(0);

                assertThat(r.connected()).as("%s %s connected", kind, scenario).isEqualTo(CONNECTIONS);
                assertThat(r.errors()).as("%s %s errors", kind, scenario).isZero();
                assertThat(r.delivered()).as("%s %s delivered", kind, scenario).isPositive();
                // Everything sent in the window arrives (a message sent at its very end may land just after it).
                assertThat(r.deliveredPerSecond()).as("%s %s delivered/s", kind, scenario)
                        .isCloseTo(r.expectedPerSecond(), org.assertj.core.data.Percentage.withPercentage(35));
            }
        } finally {
            transport.close();
        }
    }
}
