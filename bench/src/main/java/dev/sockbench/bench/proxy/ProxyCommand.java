package dev.sockbench.bench.proxy;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.cli.Converters;
import dev.sockbench.core.cli.StopSignals;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.transport.Endpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sockbench proxy}: a {@link FaultProxy} as a command. Prints {@code LISTENING <endpoint>}
 * (the line a server prints) when clients may send, serves until SIGTERM or SIGINT, then prints
 * what it did, {@code PROXY clients=… received=… forwarded=… dropped=… duplicated=… held=…
 * delayed=… reordered=… answers=…}, and exits 0.
 */
@Command(
        name = "proxy",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Passes datagrams (udp, unix-dgram) from clients to an echo server, dropping, duplicating, reordering"
                    + " and delaying the clients' datagrams by the given shares, with a seed; the server's answers"
                    + " come back unharmed. Runs until SIGTERM or SIGINT, then prints what it did.",
            "Example: sockbench proxy --target udp://127.0.0.1:7007 --drop 1%% --reorder 2%% --spare 1, then point"
                    + " `sockbench loadgen --target` at the endpoint it prints."
        })
public final class ProxyCommand implements Callable<Integer> {
    /** Prefix of the line with the proxy's counts. */
    public static final String COUNTS_PREFIX = "PROXY ";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "ENDPOINT",
            converter = Converters.EndpointConverter.class,
            description = "The echo server: udp://HOST:PORT or unix-dgram:///PATH.")
    Endpoint target;

    @Option(
            names = "--listen",
            paramLabel = "ENDPOINT",
            converter = Converters.EndpointConverter.class,
            description = "Where clients send, of the target's transport (default: udp://127.0.0.1:0, a free port;"
                    + " for unix-dgram a socket file in a fresh private folder).")
    Endpoint listen;

    @Option(
            names = "--drop",
            defaultValue = "0",
            paramLabel = "SHARE",
            converter = Converters.ShareConverter.class,
            description = "Share of datagrams dropped, e.g. 1%% or 0.01 (default: ${DEFAULT-VALUE}).")
    double drop;

    @Option(
            names = "--duplicate",
            defaultValue = "0",
            paramLabel = "SHARE",
            converter = Converters.ShareConverter.class,
            description = "Share of datagrams sent twice, back to back (default: ${DEFAULT-VALUE}).")
    double duplicate;

    @Option(
            names = "--reorder",
            defaultValue = "0",
            paramLabel = "SHARE",
            converter = Converters.ShareConverter.class,
            description = "Share of datagrams held back until the same client's next datagram has gone out (at most"
                    + " 100 ms) (default: ${DEFAULT-VALUE}).")
    double reorder;

    @Option(
            names = "--delay",
            defaultValue = "0",
            paramLabel = "SHARE",
            converter = Converters.ShareConverter.class,
            description = "Share of datagrams delayed by --delay-by (default: ${DEFAULT-VALUE}).")
    double delay;

    @Option(
            names = "--delay-by",
            defaultValue = "10ms",
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "How long a delayed datagram waits (default: ${DEFAULT-VALUE}).")
    Duration delayBy;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "N",
            description = "Seeds the fates, drawn in arrival order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--spare",
            defaultValue = "0",
            paramLabel = "N",
            description = "The first N datagrams of each client pass unharmed; 1 spares the load generator's"
                    + " connectivity check (default: ${DEFAULT-VALUE}).")
    int spare;

    @Override
    public Integer call() throws Exception {
        FaultProxy.Faults faults = new FaultProxy.Faults(drop, duplicate, reorder, delay, delayBy, seed, spare);
        if (!target.isLocal() || (listen != null && !listen.isLocal())) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("sockbench: warning: the proxy's target or listen address is not a loopback address");
            err.flush();
        }
        FaultProxy proxy;
        try {
            proxy = FaultProxy.start(listen, target, faults);
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot listen on " + (listen == null ? "a free port" : listen) + ": " + e.getMessage(), e);
        }
        var stop = StopSignals.install();
        PrintWriter out = spec.commandLine().getOut();
        try (proxy) {
            out.println(ProcessLines.listening(proxy.endpoint()));
            out.flush();
            stop.await();
        }
        out.println(COUNTS_PREFIX + proxy.counts());
        out.flush();
        return Cli.EXIT_OK;
    }
}
