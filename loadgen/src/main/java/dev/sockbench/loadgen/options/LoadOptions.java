package dev.sockbench.loadgen.options;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Converters;
import dev.sockbench.core.cli.Identified;
import dev.sockbench.core.cli.Units;
import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.handler.Work;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.LoadSpec;
import dev.sockbench.loadgen.WarmupPolicy;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.pacing.Pacer;
import dev.sockbench.loadgen.shape.LoadShape;
import dev.sockbench.loadgen.shape.Shape;
import dev.sockbench.loadgen.shape.Slo;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The load generator's load options as given, each null when not set: filled by picocli (a mixin
 * of {@code LoadgenMain}), by the suite loader (its YAML keys are these long option names, parsed
 * by {@link #parse}), or by the setters. {@link #resolve} holds every default and every rule
 * about which option goes with which shape; {@link #toArgs} writes the options back as the
 * command line that parses to them, so another process gets exactly these.
 *
 * <p>The picocli annotations below are the one table of option names, types and help texts.
 * Mutable, like any builder: {@link #copy} one before changing it when it is shared.
 */
public final class LoadOptions {
    // Defaults, written as the command line takes them: the help texts show them and resolve()
    // parses them, so the two cannot differ.
    static final String DEFAULT_SHAPE = "closed";
    static final int DEFAULT_CONNECTIONS = 10;
    static final String DEFAULT_SWEEP_START_RATE = "1k";
    static final String DEFAULT_ARRIVAL = "constant";
    static final int DEFAULT_DEPTH = 1;
    /** Paced shapes on datagram transports: a lost datagram must not hold back the next ones. */
    static final int DATAGRAM_PACED_DEPTH = 1_024;
    /** The stream shape keeps this many payload bytes in flight per stream connection by default. */
    static final String STREAM_WINDOW = "1MiB";
    /**
     * ... and this many per datagram socket: a datagram burst beyond the receive buffer (about 208
     * KiB by default on Linux) is dropped, and each loss holds a window slot until the timeout.
     */
    static final String DATAGRAM_STREAM_WINDOW = "64KiB";

    static final String DEFAULT_DURATION = "10s";
    /** The payload when none is given, bytes. */
    public static final int DEFAULT_PAYLOAD = 64;
    /** The stream shape's payload on a stream transport ... */
    static final String STREAM_PAYLOAD = "64KiB";
    /** ... and on a datagram transport: eight fit its window, and far below the datagram limit. */
    static final String DATAGRAM_STREAM_PAYLOAD = "8KiB";

    static final String DEFAULT_FRAMING = "length";
    static final String DEFAULT_TIMEOUT = "1s";
    static final String DEFAULT_SLO = "p99=1ms";
    static final String DEFAULT_STEP_FACTOR = "2";
    static final String DEFAULT_MAX_RATE = "10M";
    static final int DEFAULT_REFINE = 3;
    static final long DEFAULT_SEED = 1;

    /** Largest stream payload: beyond it a request is no longer a message but a file transfer. */
    static final int MAX_STREAM_PAYLOAD_BYTES = 16 << 20;
    /** Largest payload queued per connection (depth x payload), bounding the generator's buffers. */
    static final long MAX_BYTES_IN_FLIGHT_PER_CONNECTION = 64L << 20;
    /** Most requests in flight per connection. */
    static final int MAX_DEPTH = 65_536;
    /** Most idle connections. */
    static final int MAX_IDLE = 1_000_000;

    @Option(
            names = {"-s", "--shape"},
            converter = ShapeConverter.class,
            completionCandidates = Shape.Ids.class,
            description = "Load shape: ${COMPLETION-CANDIDATES} (default " + DEFAULT_SHAPE + ").")
    private Shape shape;

    @Option(
            names = {"-c", "--connections"},
            converter = Converters.IntCountConverter.class,
            description = "Active connections (default " + DEFAULT_CONNECTIONS
                    + "; ping-pong uses 1; churn: concurrent connect-request-close slots).")
    private Integer connections;

    @Option(
            names = {"-R", "--rate"},
            converter = Converters.RateConverter.class,
            description = "Requests per second over all connections: open and idle (required), sweep (start rate,"
                    + " default " + DEFAULT_SWEEP_START_RATE + ").")
    private Double rate;

    @Option(
            names = "--arrival",
            converter = ArrivalConverter.class,
            description = "Arrival process of open, idle, sweep and capacity: constant or poisson (default "
                    + DEFAULT_ARRIVAL + ").")
    private Arrival arrival;

    @Option(
            names = "--catch-up",
            paramLabel = "FACTOR",
            description = "open loop: after falling behind, send the backlog at most FACTOR times the connection's"
                    + " rate (wrk2 uses 2); default: off — every late request is sent as soon as its connection can"
                    + " take it")
    private Double catchUp;

    @Option(
            names = "--depth",
            converter = Converters.IntCountConverter.class,
            description = "Requests in flight per connection at most (default " + DEFAULT_DEPTH + "; stream: "
                    + STREAM_WINDOW + " worth, " + DATAGRAM_STREAM_WINDOW + " on datagrams; paced shapes on"
                    + " datagrams: " + DATAGRAM_PACED_DEPTH + ").")
    private Integer depth;

    @Option(
            names = {"-d", "--duration"},
            converter = Converters.DurationConverter.class,
            description =
                    "Measured interval, e.g. 30s (sweep and capacity: per run, longer when a step's rate gives too few"
                            + " requests for the --slo percentile, up to 30 s) (default " + DEFAULT_DURATION + ").")
    private Duration duration;

    @Option(
            names = "--warmup",
            converter = Converters.DurationConverter.class,
            description =
                    "Warm-up before it, discarded (sweep and capacity: the first run and the first step; later steps at most 0.3s) (default "
                            + WarmupPolicy.DEFAULT_WARMUP + ").")
    private Duration warmup;

    @Option(
            names = "--payload",
            converter = Converters.BytesConverter.class,
            description = "Payload bytes per request, 16-byte header included (default " + DEFAULT_PAYLOAD
                    + "; stream: " + STREAM_PAYLOAD + ", on datagrams " + DATAGRAM_STREAM_PAYLOAD + ").")
    private Integer payload;

    @Option(
            names = "--framing",
            converter = Converters.FramingConverter.class,
            description =
                    "Stream framing: length (u32 prefix) or raw (RFC 862 echo) (default " + DEFAULT_FRAMING + ").")
    private Framing framing;

    @Option(
            names = {"-t", "--threads"},
            converter = Converters.IntCountConverter.class,
            description = "Worker threads (default: the CPUs this process may use, at most one per connection).")
    private Integer threads;

    @Option(
            names = "--timeout",
            converter = Converters.DurationConverter.class,
            description = "A request unanswered this long is a timeout (streams) or lost (datagrams) (default "
                    + DEFAULT_TIMEOUT + ").")
    private Duration timeout;

    @Option(
            names = "--slo",
            converter = SloConverter.class,
            description = "Sweep and capacity: the objective on the corrected latency, pPERCENTILE=DURATION (default "
                    + DEFAULT_SLO + ").")
    private Slo slo;

    @Option(
            names = "--step-factor",
            description =
                    "Sweep: each good rising step multiplies the rate by this (default " + DEFAULT_STEP_FACTOR + ").")
    private Double stepFactor;

    @Option(
            names = "--max-rate",
            converter = Converters.RateConverter.class,
            description = "Sweep: the rise stops at this rate (default " + DEFAULT_MAX_RATE + ").")
    private Double maxRate;

    @Option(
            names = "--refine",
            converter = Converters.IntCountConverter.class,
            description = "Sweep: bisection steps between the last good and the first bad rate; capacity: open-loop "
                    + "steps bisecting below the closed-loop ceiling, 3 find it within an eighth; when none holds, up to 2 "
                    + "more halve the rate (default " + DEFAULT_REFINE + ").")
    private Integer refine;

    @Option(
            names = "--idle",
            converter = Converters.IntCountConverter.class,
            description = "Idle shape: silent connections held open beside the active ones.")
    private Integer idle;

    @Option(names = "--seed", description = "Seeds payload bodies and Poisson arrivals (default " + DEFAULT_SEED + ").")
    private Long seed;

    @Option(
            names = "--handler",
            converter = Converters.HandlerConverter.class,
            description = "What the server does with each request, as its --handler: echo, or json or protobuf (the"
                    + " body is an order of about --payload bytes of JSON, the reply that order priced, each one"
                    + " checked); json and protobuf need length framing on tcp or unix-stream (default echo).")
    private HandlerKind handler;

    @Option(
            names = "--work",
            converter = Converters.WorkConverter.class,
            description = "The server's --work per request (cpu=20us, block=2ms): not the generator's; recorded in the"
                    + " report, and a suite passes it to the server (default none).")
    private Work work;

    @Option(
            names = "--offload",
            converter = Converters.IntCountConverter.class,
            description = "The server's --offload N (event-loop models: the handler on N threads): not the"
                    + " generator's; recorded in the report, and a suite passes it to the server (default 0).")
    private Integer offload;

    /**
     * Parses {@code args}, the command line's form of these options ({@code --rate 5k} or {@code
     * --rate=5k}); a later occurrence of an option overrides an earlier one, so {@code defaults +
     * overrides} parses to the overridden options.
     *
     * @throws BadInputException with the one-line complaint of the parser, naming the option
     */
    public static LoadOptions parse(List<String> args) {
        LoadOptions options = new LoadOptions();
        CommandLine commandLine = new CommandLine(options).setOverwrittenOptionsAllowed(true);
        try {
            commandLine.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new BadInputException(e.getMessage().lines().findFirst().orElse("bad options"), e);
        }
        return options;
    }

    /** The long names of every option, e.g. {@code --rate}, in the order of the help. */
    public static List<String> names() {
        return spec(new LoadOptions()).options().stream()
                .map(OptionSpec::longestName)
                .toList();
    }

    /** The options that are set, as the command line that {@link #parse}s back to them. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : spec(this).options()) {
            Object value = option.getValue();
            if (value != null) {
                args.add(option.longestName());
                args.add(format(value));
            }
        }
        return args;
    }

    private static CommandSpec spec(LoadOptions options) {
        return CommandSpec.forAnnotatedObject(options);
    }

    /** A value in the form its option's converter reads back exactly. */
    private static String format(Object value) {
        return switch (value) {
            case Identified choice -> choice.id();
            case Duration d -> Units.formatDurationNs(d.toNanos());
            case Slo s -> s.text();
            // Plain digits: Units reads no exponent; the shortest decimal parses back to the same double.
            case Double d
            when Double.isFinite(d) ->
                BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            default -> value.toString();
        };
    }

    /**
     * The complete, checked spec of these options on {@code transport}: every option not set takes
     * its default (some depend on the shape and the transport), and every rule about which option
     * goes with which shape is checked here.
     *
     * @throws BadInputException one line naming the option and what is wrong with it
     */
    public LoadSpec resolve(Transport transport) {
        boolean datagram = !transport.streamOriented();
        Shape kind = shape != null ? shape : Shape.fromId(DEFAULT_SHAPE);
        checkSetValues();

        // Which options go with which shape.
        if (rate != null && !kind.paced()) {
            throw new BadInputException("--rate does not apply to " + kind + ", a closed loop; use --shape "
                    + Shape.rateIds() + " for a rate");
        }
        if (rate != null && kind == Shape.CAPACITY) {
            throw new BadInputException("--rate does not apply to capacity: it measures its ceiling closed-loop and "
                    + "chooses its rates below it; use --shape sweep to start from a rate");
        }
        if (refine != null && refine < 1 && kind == Shape.CAPACITY) {
            throw new BadInputException("capacity needs --refine >= 1: its open-loop steps below the ceiling");
        }
        if (catchUp != null && !kind.paced()) {
            throw new BadInputException(
                    "--catch-up does not apply to " + kind + ", a closed loop; only to " + Shape.pacedIds());
        }
        if (idle != null && kind != Shape.IDLE) {
            throw new BadInputException("--idle applies only to --shape idle");
        }

        int payloadBytes = payload != null
                ? payload
                : kind != Shape.STREAM ? DEFAULT_PAYLOAD : bytes(datagram ? DATAGRAM_STREAM_PAYLOAD : STREAM_PAYLOAD);
        checkPayload(payloadBytes, transport);
        int conns = connections != null ? connections : DEFAULT_CONNECTIONS;
        Arrival arrivalProcess = arrival != null ? arrival : Arrival.fromId(DEFAULT_ARRIVAL);
        int pacedDepth = depth != null ? depth : datagram ? DATAGRAM_PACED_DEPTH : DEFAULT_DEPTH;
        LoadShape loadShape =
                switch (kind) {
                    case PING_PONG -> {
                        if ((connections != null && connections != 1) || (depth != null && depth != 1)) {
                            throw new BadInputException(
                                    "ping-pong uses one connection with one request in flight; use --shape closed for more");
                        }
                        yield new LoadShape.PingPong();
                    }
                    case CLOSED -> new LoadShape.Closed(conns, depth != null ? depth : DEFAULT_DEPTH);
                    case STREAM -> {
                        long window = bytes(datagram ? DATAGRAM_STREAM_WINDOW : STREAM_WINDOW);
                        int streamDepth =
                                depth != null ? depth : (int) Math.max(1, Math.min(MAX_DEPTH, window / payloadBytes));
                        yield new LoadShape.Stream(conns, streamDepth);
                    }
                    case CAPACITY ->
                        new LoadShape.Capacity(
                                conns,
                                pacedDepth,
                                arrivalProcess,
                                slo != null ? slo : Slo.parse(DEFAULT_SLO),
                                refine != null ? refine : DEFAULT_REFINE);
                    case CHURN -> {
                        if (depth != null && depth != 1) {
                            throw new BadInputException(
                                    "churn sends one request per connection; --depth does not apply");
                        }
                        yield new LoadShape.Churn(conns);
                    }
                    case OPEN -> new LoadShape.Open(conns, pacedDepth, requireRate(kind), arrivalProcess);
                    case IDLE -> {
                        if (datagram) {
                            throw new BadInputException("idle needs a stream transport (tcp, unix-stream): a datagram "
                                    + "server holds no connections");
                        }
                        if (idle == null) {
                            throw new BadInputException("idle needs --idle N silent connections, N in 1.." + MAX_IDLE);
                        }
                        checkFileDescriptors((long) idle + conns);
                        yield new LoadShape.IdleScale(
                                idle, new LoadShape.Open(conns, pacedDepth, requireRate(kind), arrivalProcess));
                    }
                    case SWEEP -> {
                        double start = rate != null ? rate : Units.parseRate(DEFAULT_SWEEP_START_RATE);
                        double max = maxRate != null ? maxRate : Units.parseRate(DEFAULT_MAX_RATE);
                        if (max < start) {
                            throw new BadInputException("--max-rate " + max + " is below the start rate " + start);
                        }
                        yield new LoadShape.Sweep(
                                conns,
                                pacedDepth,
                                start,
                                arrivalProcess,
                                slo != null ? slo : Slo.parse(DEFAULT_SLO),
                                stepFactor != null ? stepFactor : Double.parseDouble(DEFAULT_STEP_FACTOR),
                                max,
                                refine != null ? refine : DEFAULT_REFINE);
                    }
                };
        if ((long) loadShape.depth() * payloadBytes > MAX_BYTES_IN_FLIGHT_PER_CONNECTION) {
            throw new BadInputException("--depth x --payload is " + (long) loadShape.depth() * payloadBytes
                    + " bytes in flight per connection; at most " + MAX_BYTES_IN_FLIGHT_PER_CONNECTION);
        }
        if (!(loadShape instanceof LoadShape.IdleScale)) {
            checkFileDescriptors(loadShape.connections());
        }
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Handling handling = handling();
        if (!handling.plainEcho() && (datagram || (framing != null && framing != Framing.LENGTH))) {
            throw new BadInputException("--handler, --work and --offload need length framing on a stream transport"
                    + " (tcp, unix-stream): a request is one frame");
        }
        return new LoadSpec(
                loadShape,
                transport,
                framing != null ? framing : Framing.fromId(DEFAULT_FRAMING),
                payloadBytes,
                Math.min(threadCount, loadShape.connections()),
                nanos(warmup, WarmupPolicy.DEFAULT_WARMUP),
                nanos(duration, DEFAULT_DURATION),
                nanos(timeout, DEFAULT_TIMEOUT),
                seed != null ? seed : DEFAULT_SEED,
                catchUp != null ? catchUp : Pacer.NO_CATCH_UP,
                handling);
    }

    /** The server's handling these options ask for; the plain echo when none is set. */
    public Handling handling() {
        try {
            return new Handling(
                    handler != null ? handler : HandlerKind.ECHO,
                    work != null ? work : Work.NONE,
                    offload != null ? offload : 0);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** Each value that is set must be valid, whether or not the shape uses it. */
    private void checkSetValues() {
        atLeastOne("--connections", connections);
        atLeastOne("--threads", threads);
        if (depth != null && (depth < 1 || depth > MAX_DEPTH)) {
            throw new BadInputException("--depth must be in 1.." + MAX_DEPTH + ", got " + depth);
        }
        if (idle != null && (idle < 1 || idle > MAX_IDLE)) {
            throw new BadInputException("--idle must be in 1.." + MAX_IDLE + ", got " + idle);
        }
        if (duration != null && !duration.isPositive()) {
            throw new BadInputException("--duration must be > 0");
        }
        if (warmup != null && warmup.isNegative()) {
            throw new BadInputException("--warmup must be >= 0");
        }
        if (timeout != null && !timeout.isPositive()) {
            throw new BadInputException("--timeout must be > 0");
        }
        above("--rate", rate, 0);
        above("--max-rate", maxRate, 0);
        above("--step-factor", stepFactor, 1);
        above("--catch-up", catchUp, 1);
        if (refine != null && refine < 0) {
            throw new BadInputException("--refine must be >= 0, got " + refine);
        }
    }

    private static void atLeastOne(String name, Integer value) {
        if (value != null && value < 1) {
            throw new BadInputException(name + " must be >= 1, got " + value);
        }
    }

    private static void above(String name, Double value, double bound) {
        if (value != null && !(value > bound && Double.isFinite(value))) {
            throw new BadInputException(name + " must be > " + format(bound) + ", got " + format(value));
        }
    }

    private double requireRate(Shape kind) {
        if (rate == null) {
            throw new BadInputException(kind + " needs --rate (-R), requests per second, e.g. -R 10k");
        }
        return rate;
    }

    private static long nanos(Duration value, String defaultText) {
        return value != null ? value.toNanos() : Units.parseDurationNs(defaultText);
    }

    private static int bytes(String text) {
        return Math.toIntExact(Units.parseBytes(text));
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

    /** An independent copy, to change without changing this one. */
    public LoadOptions copy() {
        LoadOptions copy = new LoadOptions();
        List<OptionSpec> from = spec(this).options();
        List<OptionSpec> to = spec(copy).options();
        for (int i = 0; i < from.size(); i++) {
            to.get(i).setValue(from.get(i).getValue());
        }
        return copy;
    }

    /** The options' values in the order of {@link #names}, null where not set. */
    private List<Object> values() {
        return spec(this).options().stream().map(OptionSpec::getValue).toList();
    }

    // Getters and setters, one pair an option; a setter returns this, for chaining. Null unsets.

    public Shape shape() {
        return shape;
    }

    public LoadOptions shape(Shape value) {
        shape = value;
        return this;
    }

    public Integer connections() {
        return connections;
    }

    public LoadOptions connections(Integer value) {
        connections = value;
        return this;
    }

    public Double rate() {
        return rate;
    }

    public LoadOptions rate(Double value) {
        rate = value;
        return this;
    }

    public Arrival arrival() {
        return arrival;
    }

    public LoadOptions arrival(Arrival value) {
        arrival = value;
        return this;
    }

    public Double catchUp() {
        return catchUp;
    }

    public LoadOptions catchUp(Double value) {
        catchUp = value;
        return this;
    }

    public Integer depth() {
        return depth;
    }

    public LoadOptions depth(Integer value) {
        depth = value;
        return this;
    }

    public Duration duration() {
        return duration;
    }

    public LoadOptions duration(Duration value) {
        duration = value;
        return this;
    }

    public Duration warmup() {
        return warmup;
    }

    public LoadOptions warmup(Duration value) {
        warmup = value;
        return this;
    }

    public Integer payload() {
        return payload;
    }

    public LoadOptions payload(Integer value) {
        payload = value;
        return this;
    }

    public Framing framing() {
        return framing;
    }

    public LoadOptions framing(Framing value) {
        framing = value;
        return this;
    }

    public Integer threads() {
        return threads;
    }

    public LoadOptions threads(Integer value) {
        threads = value;
        return this;
    }

    public Duration timeout() {
        return timeout;
    }

    public LoadOptions timeout(Duration value) {
        timeout = value;
        return this;
    }

    public Slo slo() {
        return slo;
    }

    public LoadOptions slo(Slo value) {
        slo = value;
        return this;
    }

    public Double stepFactor() {
        return stepFactor;
    }

    public LoadOptions stepFactor(Double value) {
        stepFactor = value;
        return this;
    }

    public Double maxRate() {
        return maxRate;
    }

    public LoadOptions maxRate(Double value) {
        maxRate = value;
        return this;
    }

    public Integer refine() {
        return refine;
    }

    public LoadOptions refine(Integer value) {
        refine = value;
        return this;
    }

    public Integer idle() {
        return idle;
    }

    public LoadOptions idle(Integer value) {
        idle = value;
        return this;
    }

    public Long seed() {
        return seed;
    }

    public LoadOptions seed(Long value) {
        seed = value;
        return this;
    }

    public HandlerKind handler() {
        return handler;
    }

    public LoadOptions handler(HandlerKind value) {
        handler = value;
        return this;
    }

    public Work work() {
        return work;
    }

    public LoadOptions work(Work value) {
        work = value;
        return this;
    }

    public Integer offload() {
        return offload;
    }

    public LoadOptions offload(Integer value) {
        offload = value;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadOptions other && values().equals(other.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "LoadOptions" + toArgs();
    }

    static final class ShapeConverter implements ITypeConverter<Shape> {
        @Override
        public Shape convert(String value) {
            return Converters.parsed(value, Shape::fromId);
        }
    }

    static final class ArrivalConverter implements ITypeConverter<Arrival> {
        @Override
        public Arrival convert(String value) {
            return Converters.parsed(value, Arrival::fromId);
        }
    }

    static final class SloConverter implements ITypeConverter<Slo> {
        @Override
        public Slo convert(String value) {
            return Converters.parsed(value, Slo::parse);
        }
    }
}
