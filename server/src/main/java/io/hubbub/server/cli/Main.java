package io.hubbub.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code hubbub}: the command-line entry point. */
@Command(name = "hubbub", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Self-hosted real-time messaging service speaking the Azure Web PubSub protocol.",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 runtime or config error, 2 bad usage). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'hubbub serve'.");
    }
}
