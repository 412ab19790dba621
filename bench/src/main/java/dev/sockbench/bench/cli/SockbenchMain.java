package dev.sockbench.bench.cli;

import dev.sockbench.bench.cluster.AgentCommand;
import dev.sockbench.bench.proxy.ProxyCommand;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.loadgen.LoadgenMain;
import dev.sockbench.servers.ListCommand;
import dev.sockbench.servers.ServerMain;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sockbench} command line ({@code run.sh} runs it from the one jar): run a suite, list
 * the model × transport matrix, start a server or the load generator alone, re-render the
 * report of an old run, or compare two runs (the regression gate).
 */
@Command(
        name = "sockbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Compares server I/O models side by side: same load, same protocol, every model.",
        subcommands = {
            RunCommand.class,
            ListCommand.class,
            ServerMain.class,
            LoadgenMain.class,
            ProxyCommand.class,
            ReportCommand.class,
            CompareCommand.class,
            AgentCommand.class
        })
public final class SockbenchMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, and the bad-input exit code. */
    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("sockbench: missing command; one of: "
                        + String.join(", ", spec.subcommands().keySet()));
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.EXIT_BAD_INPUT;
    }

    /** The command line with sockbench's error handling. */
    public static CommandLine commandLine() {
        return Cli.commandLine(new SockbenchMain());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
