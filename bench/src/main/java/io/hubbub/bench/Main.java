package io.hubbub.bench;

import io.hubbub.bench.floor.FloorServer;
import io.hubbub.bench.load.CompareCommand;
import io.hubbub.bench.load.LoadCommand;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar hubbub-bench.jar jmh [JMH options]} runs the micro-benchmarks (everything after {@code jmh} goes
 * to JMH, e.g. {@code -prof gc Broadcast}); {@code java -jar hubbub-bench.jar load [options]} runs the load
 * generator.
 */
@Command(name = "hubbub-bench", mixinStandardHelpOptions = true, subcommands = {LoadCommand.class, CompareCommand.class, FloorServer.class},
        description = "Hubbub benchmarks. Subcommands: load (load generator), compare (Hubbub against the peers), "
                + "floor (the raw Netty floor server), "
                + "jmh (micro-benchmarks; `jmh -h` for JMH's options).")
public final class Main implements Runnable {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
