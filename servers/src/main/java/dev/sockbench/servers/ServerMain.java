package dev.sockbench.servers;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.cli.Converters;
import dev.sockbench.core.cli.StopSignals;
import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.handler.Work;
import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.server.PinnedVirtualThreads;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.server.ServerModel;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.SocketFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One echo server as its own process. When the socket is ready it prints exactly one line,
 * {@code LISTENING <endpoint>} (e.g. {@code LISTENING tcp://127.0.0.1:40123}), to stdout; it serves
 * until SIGTERM or SIGINT, then closes every connection, removes its socket file (and the private
 * folder it made for it) and exits 0. Bad input, an n/a or unavailable cell, a port in use or an
 * unusable socket path print one line to stderr and exit 2.
 *
 * <p><b>Commands on stdin.</b> Once listening, a line {@code USAGE} on stdin makes the server print
 * one stdout line {@code USAGE <usage>} with the {@link ResourceUsage} of this process so far, e.g.
 * {@code USAGE userCpuUs=812000 sysCpuUs=1604000 voluntaryCtxSwitches=150000
 * involuntaryCtxSwitches=2000 acceptFailures=0 malformedRequests=0}: CPU time (µs) and context
 * switches of all its threads, exited ones included ({@code getrusage(RUSAGE_SELF)}), the
 * connections it failed to accept and those it closed on a request that did not decode, since it
 * started ({@link RunningServer#acceptFailures()}, {@link RunningServer#malformedRequests()});
 * {@link ProcessLines} spells every line. Each {@code USAGE} gets
 * exactly one answer, in order, flushed at once; stdout lines never interleave. The suite runner
 * asks at the start and at the end of the measured interval and subtracts. Any other line is
 * ignored, and so is the end of stdin: a server started from a terminal or with stdin closed serves
 * as usual.
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Runs one server model (the echo, or a --handler) until SIGTERM or SIGINT.")
public final class ServerMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-m", "--model"},
            required = true,
            paramLabel = "ID",
            description = "The I/O model to serve with (see `list`).")
    String modelId;

    @Option(
            names = {"-T", "--transport"},
            defaultValue = "tcp",
            paramLabel = "ID",
            converter = Converters.TransportConverter.class,
            description = "Transport: tcp, udp, unix-stream or unix-dgram (default: ${DEFAULT-VALUE}).")
    Transport transport;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "HOST",
            description = "Address to listen on for tcp and udp; a non-loopback address is warned about"
                    + " (default: ${DEFAULT-VALUE}).")
    String bindHost;

    @Option(
            names = {"-p", "--port"},
            defaultValue = "0",
            paramLabel = "N",
            description = "Port for tcp and udp; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--path",
            paramLabel = "FILE",
            description =
                    "Socket file for unix-stream and unix-dgram (default: echo.sock in a fresh private" + " folder).")
    Path path;

    @Option(
            names = "--framing",
            defaultValue = "length",
            paramLabel = "ID",
            converter = Converters.FramingConverter.class,
            description = "Stream framing: length (u32 prefix) or raw (RFC 862 echo) (default: ${DEFAULT-VALUE}).")
    Framing framing;

    @Option(
            names = "--max-frame",
            defaultValue = "1MiB",
            paramLabel = "BYTES",
            converter = Converters.BytesConverter.class,
            description = "Largest payload a length frame may claim; a larger claim closes that connection"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxFrameBytes = LengthFraming.DEFAULT_MAX_FRAME_BYTES;

    @Option(
            names = "--threads",
            defaultValue = "0",
            paramLabel = "N",
            description = "Threads or event loops for models that have them; 0 means the model's default.")
    int threads;

    @Option(
            names = "--handler",
            defaultValue = "echo",
            paramLabel = "ID",
            converter = Converters.HandlerConverter.class,
            description = "What is done with each request: echo (unchanged), json or protobuf (an order decoded,"
                    + " priced and encoded as the reply); json and protobuf need length framing on tcp or"
                    + " unix-stream (default: ${DEFAULT-VALUE}).")
    HandlerKind handler;

    @Option(
            names = "--work",
            defaultValue = "none",
            paramLabel = "WORK",
            converter = Converters.WorkConverter.class,
            description = "Work per request besides the handler: none, cpu=DURATION (a calibrated busy loop on the"
                    + " handling thread, e.g. cpu=20us) or block=DURATION (the thread waits, e.g. block=2ms; a"
                    + " virtual thread parks) (default: ${DEFAULT-VALUE}).")
    Work work;

    @Option(
            names = "--offload",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Event-loop models (nio-*, netty-*, nio2, ffm-*): run the handler on a pool of N threads and write"
                            + " the reply on the loop; 0 runs it on the loop (default: ${DEFAULT-VALUE}).")
    int offload;

    @Option(
            names = "--pinned-events",
            paramLabel = "FILE",
            description = "Record every pin of a virtual thread to its carrier (JFR jdk.VirtualThreadPinned) to this"
                    + " file, written when the server stops; only models on virtual threads record, others ignore it.")
    Path pinnedEvents;

    public static void main(String[] args) {
        System.exit(Cli.execute(new ServerMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        ServerModel model = ServerModels.byId(modelId);
        Cell cell = ServerModels.cell(model, transport);
        if (!cell.ok()) {
            throw new BadInputException(model.id() + " cannot serve " + transport + " here: " + cell.describe());
        }
        if (threads < 0) {
            throw new BadInputException("--threads must be 0 (the model's default) or more, got " + threads);
        }
        PrintWriter err = spec.commandLine().getErr();
        Path privateDir = null;
        Endpoint endpoint;
        if (transport.unixDomain()) {
            if (port != 0) {
                throw new BadInputException("--port applies to tcp and udp; " + transport + " takes --path");
            }
            Path file = path;
            if (file == null) {
                privateDir = SocketFiles.privateDirectory();
                file = privateDir.resolve(SocketFiles.DEFAULT_FILE_NAME);
            }
            endpoint = Endpoint.unix(transport, file);
        } else {
            if (path != null) {
                throw new BadInputException(
                        "--path applies to unix-stream and unix-dgram; " + transport + " takes --bind and --port");
            }
            endpoint = Endpoint.inet(transport, bindHost, port);
            if (!endpoint.isLocal()) {
                err.println("sockbench: warning: --bind " + bindHost
                        + " is not a loopback address; this echo server is reachable from the network");
                err.flush();
            }
        }
        ServerConfig config;
        try {
            Handling handling = new Handling(handler, work, offload);
            model.refusal(handling).ifPresent(why -> {
                throw new IllegalArgumentException(why);
            });
            config = new ServerConfig(endpoint, framing, maxFrameBytes, threads, handling);
        } catch (IllegalArgumentException e) {
            deleteFolder(privateDir);
            throw new BadInputException(e.getMessage(), e);
        }

        PinnedVirtualThreads pins =
                pinnedEvents != null && model.virtualThreads() ? PinnedVirtualThreads.record(pinnedEvents) : null;
        RunningServer server;
        try {
            server = model.start(config);
        } catch (IOException e) {
            deleteFolder(privateDir);
            throw new BadInputException("cannot serve on " + endpoint + ": " + e.getMessage(), e);
        }
        Path folder = privateDir;
        Runnable shutdown = () -> {
            server.close();
            deleteFolder(folder);
            if (pins != null) {
                pins.close();
            }
        };
        // The hook covers an exit we do not handle (e.g. SIGHUP); the signals below end in return 0.
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "server-shutdown"));
        CountDownLatch stop = StopSignals.install();

        // Links getrusage before anyone asks: the first USAGE comes at the start of the measured
        // interval, and an answer delayed by linking would shift that interval's start.
        ResourceUsage.ofThisProcess();
        // Reads the time-zone file now: a log line (Netty's, through java.util.logging) reads it on
        // first use, which fails once the server's descriptors run out, and then fails for good.
        TimeZone.getDefault();
        PrintWriter out = spec.commandLine().getOut();
        println(out, ProcessLines.listening(server.endpoint()));
        // Started after LISTENING, so that line is always the first; a USAGE sent earlier waits in the pipe.
        Thread.ofPlatform().daemon().name("server-stdin").start(() -> answerCommands(out, server));
        stop.await();
        shutdown.run();
        if (server.malformedRequests() > 0) {
            err.println("sockbench: closed " + server.malformedRequests()
                    + " connection(s) on a request that did not decode");
            err.flush();
        }
        return Cli.EXIT_OK;
    }

    /** Answers {@code USAGE} lines on stdin until it ends; see the class comment. */
    private static void answerCommands(PrintWriter out, RunningServer server) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (ProcessLines.isUsageRequest(line)) {
                    println(out, ProcessLines.usageReply(usage(server)));
                }
            }
        } catch (IOException e) {
            // No usable stdin (closed, or a terminal gone): there is nobody to answer.
        }
    }

    /** This process's usage so far, with the server's failed accepts and malformed requests. */
    private static ResourceUsage usage(RunningServer server) {
        return ResourceUsage.ofThisProcess().withServerCounts(server.acceptFailures(), server.malformedRequests());
    }

    /** One whole line, flushed; the only way this class writes stdout, so lines never interleave. */
    private static void println(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static void deleteFolder(Path folder) {
        if (folder != null) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // Not empty means something else was put there: leave it.
            }
        }
    }
}
