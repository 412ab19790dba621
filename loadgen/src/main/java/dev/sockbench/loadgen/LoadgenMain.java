package dev.sockbench.loadgen;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.cli.Converters;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.check.CpuMeter;
import dev.sockbench.loadgen.engine.LoadRun;
import dev.sockbench.loadgen.engine.Phase;
import dev.sockbench.loadgen.engine.Probe;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.shape.LoadShape;
import dev.sockbench.loadgen.shape.Slo;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load generator as a process: {@code loadgen --target URI [options]}.
 *
 * <p>stdout carries the phase markers, each on its own line — {@code PHASE warmup}, {@code PHASE
 * measure} (the measured interval starts now), {@code PHASE done} (it ended) — then a short
 * wrk-like summary. Progress goes to stderr once a second. With {@code --json} the case's {@link
 * CaseSummary} is written, with {@code --hlog} its interval log (also when the target died
 * mid-run, or the generator got SIGINT or SIGTERM: the data so far is kept). Exit code 0 when the
 * case is valid, 1 when it is not (the
 * reasons are in the JSON and on stderr), 2 on bad input, an unreachable target, or a target that
 * does not echo.
 */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Drives an echo server with a load shape; measures latency (corrected and raw), rate and errors.")
public final class LoadgenMain implements Callable<Integer> {
    /** Largest stream payload: beyond it a request is no longer a message but a file transfer. */
    static final int MAX_STREAM_PAYLOAD_BYTES = 16 << 20;
    /** Largest payload queued per connection (depth x payload), bounding the generator's buffers. */
    static final long MAX_BYTES_IN_FLIGHT_PER_CONNECTION = 64L << 20;
    /** Most requests in flight per connection. */
    static final int MAX_DEPTH = 65_536;
    /** Default depth of paced shapes on datagram transports: a lost datagram must not hold back the next ones. */
    static final int DATAGRAM_PACED_DEPTH = 1_024;
    /** The stream shape keeps this many payload bytes in flight per stream connection by default. */
    static final long STREAM_WINDOW_BYTES = 1L << 20;
    /**
     * ... and this many per datagram socket: a datagram burst beyond the receive buffer (about 208
     * KiB by default on Linux) is dropped, and each loss holds a window slot until the timeout.
     */
    static final long DATAGRAM_STREAM_WINDOW_BYTES = 64L << 10;
    /** Default payload of the stream shape on a stream transport. */
    static final int STREAM_PAYLOAD_BYTES = 64 * 1024;
    /** ... and on a datagram transport: eight fit its window, and far below the datagram limit. */
    static final int DATAGRAM_STREAM_PAYLOAD_BYTES = 8 * 1024;
    /** Most idle connections. */
    static final int MAX_IDLE = 1_000_000;
    /** On SIGINT/SIGTERM, how long the JVM waits for the summary and log to be written. */
    static final long SHUTDOWN_WRITE_WAIT_SEC = 10;

    @Option(
            names = "--target",
            required = true,
            converter = Converters.EndpointConverter.class,
            description = "The echo server: tcp://HOST:PORT, udp://HOST:PORT, unix:///PATH or unix-dgram:///PATH.")
    Endpoint target;

    @Option(
            names = {"-s", "--shape"},
            defaultValue = "closed",
            description =
                    "Load shape: ping-pong, closed, open, sweep, churn, idle or stream (default ${DEFAULT-VALUE}).")
    String shape;

    @Option(
            names = {"-c", "--connections"},
            converter = Converters.IntCountConverter.class,
            description =
                    "Active connections (default 10; ping-pong uses 1; churn: concurrent connect-request-close slots).")
    Integer connections;

    @Option(
            names = {"-R", "--rate"},
            converter = Converters.RateConverter.class,
            description =
                    "Requests per second over all connections: open and idle (required), sweep (start rate, default 1k).")
    Double rate;

    @Option(
            names = "--arrival",
            defaultValue = "constant",
            description = "Arrival process of open, idle and sweep: constant or poisson (default ${DEFAULT-VALUE}).")
    String arrival;

    @Option(
            names = "--depth",
            converter = Converters.IntCountConverter.class,
            description =
                    "Requests in flight per connection at most (default 1; stream: 1 MiB worth; paced shapes on datagrams: 1024).")
    Integer depth;

    @Option(
            names = {"-d", "--duration"},
            defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Measured interval, e.g. 30s (a sweep: per step) (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--warmup",
            defaultValue = "3s",
            converter = Converters.DurationConverter.class,
            description = "Warm-up before it, discarded (a sweep: per step) (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(
            names = "--payload",
            converter = Converters.BytesConverter.class,
            description =
                    "Payload bytes per request, 16-byte header included (default 64; stream: 64KiB, on datagrams 8KiB).")
    Integer payload;

    @Option(
            names = "--framing",
            defaultValue = "length",
            converter = Converters.FramingConverter.class,
            description = "Stream framing: length (u32 prefix) or raw (RFC 862 echo) (default ${DEFAULT-VALUE}).")
    Framing framing;

    @Option(
            names = {"-t", "--threads"},
            converter = Converters.IntCountConverter.class,
            description = "Worker threads (default: the CPUs this process may use, at most one per connection).")
    Integer threads;

    @Option(
            names = "--timeout",
            defaultValue = "1s",
            converter = Converters.DurationConverter.class,
            description =
                    "A request unanswered this long is a timeout (streams) or lost (datagrams) (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--slo",
            defaultValue = "p99=1ms",
            description = "Sweep objective on the corrected latency, pPERCENTILE=DURATION (default ${DEFAULT-VALUE}).")
    String slo;

    @Option(
            names = "--step-factor",
            defaultValue = "2",
            description = "Sweep: each good rising step multiplies the rate by this (default ${DEFAULT-VALUE}).")
    double stepFactor;

    @Option(
            names = "--max-rate",
            converter = Converters.RateConverter.class,
            description = "Sweep: the rise stops at this rate (default 10M).")
    Double maxRate;

    @Option(
            names = "--refine",
            defaultValue = "3",
            description =
                    "Sweep: bisection steps between the last good and the first bad rate (default ${DEFAULT-VALUE}).")
    int refine;

    @Option(
            names = "--idle",
            converter = Converters.IntCountConverter.class,
            description = "Idle shape: silent connections held open beside the active ones.")
    Integer idle;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seeds payload bodies and Poisson arrivals (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Write the case summary (summary.json) here.")
    Path json;

    @Option(names = "--hlog", description = "Write the interval log (latency.hlog, HdrHistogram format) here.")
    Path hlog;

    private final PrintStream out;
    private final PrintStream err;
    private final NanoClock clock;
    private final CpuMeter cpu;

    public LoadgenMain() {
        this(System.out, System.err, NanoClock.SYSTEM, CpuMeter.PROCESS);
    }

    /** For tests: where output goes, and the clock and CPU meter the run uses. */
    public LoadgenMain(PrintStream out, PrintStream err, NanoClock clock, CpuMeter cpu) {
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.cpu = cpu;
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new LoadgenMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        LoadSpec spec = spec();
        Probe.check(target, framing, spec.payloadBytes(), seed, spec.timeoutNs(), clock);
        CaseRunner runner = new CaseRunner(clock, cpu);
        // SIGINT or SIGTERM: end the measured interval now and write what was measured, rather
        // than leave no summary and a half-written log behind.
        CountDownLatch written = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            runner.requestStop();
            try {
                written.await(SHUTDOWN_WRITE_WAIT_SEC, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return runAndReport(runner, spec);
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running: it waited for the files written above.
            }
        }
    }

    private int runAndReport(CaseRunner runner, LoadSpec spec) throws Exception {
        CaseRunner.Outcome outcome = runner.run(
                spec,
                new LoadRun.Listener() {
                    @Override
                    public void phase(Phase phase) {
                        out.println(phase.marker());
                        out.flush();
                    }

                    @Override
                    public void progress(String line) {
                        err.println(line);
                        err.flush();
                    }
                },
                hlog);
        CaseSummary summary = outcome.summary();
        if (json != null) {
            ResultFiles.writeJson(json, summary);
        }
        out.print(HumanSummary.format(spec, summary));
        out.flush();
        if (outcome.firstError() != null) {
            err.println("first error: " + outcome.firstError());
        }
        if (!summary.valid()) {
            for (String reason : summary.invalidReasons()) {
                err.println("invalid: " + reason);
            }
            err.flush();
            return Cli.EXIT_INVALID;
        }
        return Cli.EXIT_OK;
    }

    /** Validates the options into a spec; bad input throws {@link BadInputException}. */
    LoadSpec spec() {
        Transport transport = target.transport();
        boolean datagram = !transport.streamOriented();
        int payloadBytes = payload != null
                ? payload
                : !shape.equals("stream") ? 64 : datagram ? DATAGRAM_STREAM_PAYLOAD_BYTES : STREAM_PAYLOAD_BYTES;
        checkPayload(payloadBytes, transport);
        int conns = connections != null ? connections : 10;
        if (conns < 1) {
            throw new BadInputException("--connections must be >= 1, got " + conns);
        }
        if (depth != null && (depth < 1 || depth > MAX_DEPTH)) {
            throw new BadInputException("--depth must be in 1.." + MAX_DEPTH + ", got " + depth);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new BadInputException("--duration must be > 0");
        }
        if (warmup.isNegative()) {
            throw new BadInputException("--warmup must be >= 0");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BadInputException("--timeout must be > 0");
        }
        if (rate != null && !(rate > 0)) {
            throw new BadInputException("--rate must be > 0, got " + rate);
        }
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (threadCount < 1) {
            throw new BadInputException("--threads must be >= 1, got " + threadCount);
        }
        Arrival arrivalProcess = Arrival.fromId(arrival);
        int pacedDepth = depth != null ? depth : datagram ? DATAGRAM_PACED_DEPTH : 1;
        LoadShape loadShape =
                switch (shape) {
                    case "ping-pong" -> {
                        if ((connections != null && connections != 1) || (depth != null && depth != 1)) {
                            throw new BadInputException(
                                    "ping-pong uses one connection with one request in flight; use --shape closed for more");
                        }
                        noRate("ping-pong");
                        yield new LoadShape.PingPong();
                    }
                    case "closed" -> {
                        noRate("closed");
                        yield new LoadShape.Closed(conns, depth != null ? depth : 1);
                    }
                    case "stream" -> {
                        noRate("stream");
                        long window = datagram ? DATAGRAM_STREAM_WINDOW_BYTES : STREAM_WINDOW_BYTES;
                        int streamDepth =
                                depth != null ? depth : (int) Math.max(1, Math.min(MAX_DEPTH, window / payloadBytes));
                        yield new LoadShape.Stream(conns, streamDepth);
                    }
                    case "churn" -> {
                        noRate("churn");
                        if (depth != null && depth != 1) {
                            throw new BadInputException(
                                    "churn sends one request per connection; --depth does not apply");
                        }
                        yield new LoadShape.Churn(conns);
                    }
                    case "open" -> new LoadShape.Open(conns, pacedDepth, requireRate("open"), arrivalProcess);
                    case "idle" -> {
                        if (datagram) {
                            throw new BadInputException("idle needs a stream transport (tcp, unix-stream): a datagram "
                                    + "server holds no connections");
                        }
                        if (idle == null || idle < 1 || idle > MAX_IDLE) {
                            throw new BadInputException("idle needs --idle N silent connections, N in 1.." + MAX_IDLE);
                        }
                        checkFileDescriptors(idle + conns);
                        yield new LoadShape.IdleScale(
                                idle, new LoadShape.Open(conns, pacedDepth, requireRate("idle"), arrivalProcess));
                    }
                    case "sweep" -> {
                        Slo objective = Slo.parse(slo);
                        double start = rate != null ? rate : 1_000;
                        double max = maxRate != null ? maxRate : 10_000_000;
                        if (!(stepFactor > 1)) {
                            throw new BadInputException("--step-factor must be > 1, got " + stepFactor);
                        }
                        if (max < start) {
                            throw new BadInputException("--max-rate " + max + " is below the start rate " + start);
                        }
                        if (refine < 0) {
                            throw new BadInputException("--refine must be >= 0, got " + refine);
                        }
                        yield new LoadShape.Sweep(
                                conns, pacedDepth, start, arrivalProcess, objective, stepFactor, max, refine);
                    }
                    default ->
                        throw new BadInputException("unknown shape '" + shape + "'; accepted: " + LoadShape.ids());
                };
        if (idle != null && !(loadShape instanceof LoadShape.IdleScale)) {
            throw new BadInputException("--idle applies only to --shape idle");
        }
        if ((long) loadShape.depth() * payloadBytes > MAX_BYTES_IN_FLIGHT_PER_CONNECTION) {
            throw new BadInputException("--depth x --payload is " + (long) loadShape.depth() * payloadBytes
                    + " bytes in flight per connection; at most " + MAX_BYTES_IN_FLIGHT_PER_CONNECTION);
        }
        if (!(loadShape instanceof LoadShape.IdleScale)) {
            checkFileDescriptors(loadShape.connections());
        }
        return new LoadSpec(
                loadShape,
                target,
                framing,
                payloadBytes,
                Math.min(threadCount, loadShape.connections()),
                warmup.toNanos(),
                duration.toNanos(),
                timeout.toNanos(),
                seed);
    }

    private void noRate(String shapeId) {
        if (rate != null) {
            throw new BadInputException("--rate does not apply to " + shapeId
                    + ", a closed loop; use --shape open, idle or sweep for a rate");
        }
    }

    private double requireRate(String shapeId) {
        if (rate == null) {
            throw new BadInputException(shapeId + " needs --rate (-R), requests per second, e.g. -R 10k");
        }
        return rate;
    }

    private static void checkPayload(int payloadBytes, Transport transport) {
        if (payloadBytes < Payload.HEADER_BYTES) {
            throw new BadInputException("--payload " + payloadBytes + " is smaller than the " + Payload.HEADER_BYTES
                    + "-byte header (sequence and send time)");
        }
        int max = transport.streamOriented() ? MAX_STREAM_PAYLOAD_BYTES : Transport.MAX_DATAGRAM_BYTES;
        if (payloadBytes > max) {
            throw new BadInputException("--payload " + payloadBytes + " is larger than " + transport.id()
                    + " allows here (" + max + " bytes)");
        }
    }

    /** The sockets must fit the process's file descriptor limit ({@code ulimit -n}). */
    private static void checkFileDescriptors(long sockets) {
        if (!(ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean os)) {
            return;
        }
        // Each worker has a selector (two descriptors); the JVM holds some of its own.
        long needed = sockets + 256;
        long limit = os.getMaxFileDescriptorCount();
        if (needed > limit) {
            throw new BadInputException(sockets + " connections need about " + needed
                    + " file descriptors, but this process may open " + limit
                    + " (ulimit -n); raise it, e.g. ulimit -n "
                    + needed);
        }
    }
}
