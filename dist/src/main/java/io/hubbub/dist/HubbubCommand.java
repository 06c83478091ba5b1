package io.hubbub.dist;

import io.hubbub.server.cli.ServeCommand;
import io.hubbub.server.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar hubbub.jar}: the service ({@code serve}) and the whole product on embedded defaults ({@code demo}). */
@Command(name = "hubbub", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Self-hosted real-time messaging service speaking the Azure Web PubSub protocol, and its chat app.",
        subcommands = {ServeCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class HubbubCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HubbubCommand()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: try 'hubbub demo' (service + chat app) or 'hubbub serve' (service only).");
    }
}
