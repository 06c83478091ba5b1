package io.hubbub.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code serve} refuses before it starts anything. */
class ServeCommandTest {

    private record Run(int exitCode, String stderr) {
    }

    private static Run serve(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new ServeCommand()).execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void aClusterNodeNeedsAnAccessKeyOfItsOwnChoosing() {
        // A generated key would differ on every node, and tokens of one node would fail on the others.
        Run run = serve("--port", "0", "--redis", "redis://127.0.0.1:6379");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("same access key").contains("--access-key");
    }

    @Test
    void aRedisAddressMustBeARedisUri() {
        Run run = serve("--port", "0", "--access-key", "k".repeat(40), "--redis", "http://127.0.0.1:6379");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("invalid configuration").contains("redis://");
    }
}
