package dev.sockbench.bench.runner;

import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.env.Pinning.Role;
import dev.sockbench.bench.metrics.CostMeter;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.metrics.ProcessSample;
import dev.sockbench.bench.metrics.ServerSampler;
import dev.sockbench.bench.metrics.SyscallCounter;
import dev.sockbench.bench.process.CaseFailedException;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.process.JavaCommand;
import dev.sockbench.bench.process.LoadgenProcess;
import dev.sockbench.bench.process.ServerProcess;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.GcPauses;
import dev.sockbench.core.result.KernelCounters;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.server.PinnedVirtualThreads;
import dev.sockbench.core.server.ServerModel;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.loadgen.LoadgenMain;
import dev.sockbench.loadgen.WarmupPolicy;
import dev.sockbench.loadgen.options.LoadOptions;
import dev.sockbench.servers.ServerModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Runs one case as two processes: the server, then the load generator against it. The server is
 * measured from the moment the load generator announces the measured interval ({@code PHASE
 * measure}) to its end ({@code PHASE done}), so warm-up is excluded (see {@link ServerSampler});
 * the kernel's drop counters are read around the whole case. Afterwards the case's summary.json is
 * composed, once, from the load generator's report ({@code load.json}), the case, the model, the
 * server's cost and the kernel's counters; the report is then removed (the summary holds all of
 * it). A server that does not report its resource usage costs the case its CPU and context-switch
 * figures only, with a warning and a line in {@code server.log}; the load's numbers stand.
 *
 * <p>A case folder holds {@code summary.json} and {@code latency.hlog} (the results) and the
 * processes' output for diagnosis: {@code server.log}, {@code loadgen.log} and {@code gc.log}
 * (and {@code load.json} when the case failed after the generator wrote it); a server on virtual
 * threads also leaves {@code pinned.jfr}, the JFR recording its pin count comes from; a case with
 * {@code syscalls: true} leaves {@code syscalls.json} and strace's own table ({@link SyscallCounter}).
 *
 * <p>One case at a time; not thread-safe.
 */
public final class CaseRunner implements CaseExecutor {
    public static final String SERVER_LOG = "server.log";
    public static final String LOADGEN_LOG = "loadgen.log";
    /** The server's recording of pinned virtual threads (models on virtual threads only). */
    public static final String PINNED_EVENTS = "pinned.jfr";

    /** The mains the contracts name. */
    public static final String SERVER_MAIN = "dev.sockbench.servers.ServerMain";

    public static final String LOADGEN_MAIN = "dev.sockbench.loadgen.LoadgenMain";

    /**
     * How processes are started and how long they may take.
     *
     * @param java the JVM command line to start both processes with
     * @param pinning which CPUs each process runs on
     * @param serverMain the server's main class
     * @param loadgenMain the load generator's main class
     * @param readyDeadline how long a server may take to print {@code LISTENING}
     * @param stopDeadline how long a server may take to exit after SIGTERM before it is killed
     * @param silenceLimit how long the load generator may print nothing before it counts as hung
     * @param samplePeriod how often the server's threads and RSS are read during the measured
     *     interval
     * @param usageDeadline how long the server may take to answer a {@code USAGE} request
     */
    public record Settings(
            JavaCommand java,
            Pinning pinning,
            String serverMain,
            String loadgenMain,
            Duration readyDeadline,
            Duration stopDeadline,
            Duration silenceLimit,
            Duration samplePeriod,
            Duration usageDeadline) {

        /** The real mains, with deadlines generous enough for a loaded 2-core machine. */
        public static Settings defaults(JavaCommand java, Pinning pinning) {
            return new Settings(
                    java,
                    pinning,
                    SERVER_MAIN,
                    LOADGEN_MAIN,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(10));
        }
    }

    private final Settings settings;
    private final ProcFs proc;
    private final ChildProcesses children;
    private final LongSupplier nanoClock;
    private final LongSupplier epochMsClock;

    public CaseRunner(
            Settings settings,
            ProcFs proc,
            ChildProcesses children,
            LongSupplier nanoClock,
            LongSupplier epochMsClock) {
        this.settings = settings;
        this.proc = proc;
        this.children = children;
        this.nanoClock = nanoClock;
        this.epochMsClock = epochMsClock;
    }

    /** How this runner starts processes and how long it lets them take. */
    public Settings settings() {
        return settings;
    }

    /** Runs {@code c} with its files in {@code caseDir}; never throws for a failing case. */
    @Override
    public CaseOutcome run(SuiteCase c, Path caseDir) {
        List<String> warnings = new ArrayList<>();
        try {
            Files.createDirectories(caseDir);
            return measured(c, measure(c, caseDir, warnings), warnings);
        } catch (CaseFailedException e) {
            return failed(c, e.getMessage(), warnings);
        } catch (IOException e) {
            return failed(c, "cannot write the case's files: " + e.getMessage(), warnings);
        }
    }

    /** The entry of a case measured to its end, valid or not by its summary. */
    public static CaseOutcome measured(SuiteCase c, CaseSummary summary, List<String> warnings) {
        CaseEntry entry = new CaseEntry(
                c.caseId(),
                c.model(),
                c.transport().id(),
                c.load().shape(),
                CaseStatus.MEASURED,
                summary.valid(),
                summary.invalidReasons());
        return new CaseOutcome(entry, summary, warnings);
    }

    /** The entry of a case that did not run to its end. */
    public static CaseOutcome failed(SuiteCase c, String reason, List<String> warnings) {
        CaseEntry entry = new CaseEntry(
                c.caseId(), c.model(), c.transport().id(), c.load().shape(), CaseStatus.FAILED, false, List.of(reason));
        return new CaseOutcome(entry, null, warnings);
    }

    private CaseSummary measure(SuiteCase c, Path caseDir, List<String> warnings)
            throws CaseFailedException, IOException {
        Path loadFile = caseDir.resolve(ResultFiles.LOAD_REPORT_FILE);
        List<String> serverCommand =
                serverCommand(c.model(), c.transport().id(), c.load().serverArgs(), caseDir);

        try (ServerProcess server =
                ServerProcess.start(serverCommand, caseDir.resolve(SERVER_LOG), settings.readyDeadline(), children)) {
            long idleRssBytes = idleRssBytes(server);
            KernelCounters kernelBefore = kernelCounters(warnings);

            List<String> loadgenCommand =
                    loadgenCommand(server.endpoint(), c.load().options(), caseDir);

            ServerSampler sampler = sampler(server);
            SyscallCounter syscalls =
                    c.load().countSyscalls() ? new SyscallCounter(server.pid(), caseDir, children) : null;
            LoadgenProcess loadgen = LoadgenProcess.start(
                    loadgenCommand,
                    caseDir.resolve(LOADGEN_LOG),
                    phase -> {
                        sampler.onPhase(phase);
                        if (syscalls != null) {
                            syscalls.onPhase(phase);
                        }
                    },
                    children,
                    nanoClock);
            int exit = loadgen.awaitExit(settings.silenceLimit());
            if (syscalls != null && syscalls.problem() != null) {
                warnings.add("system calls not counted: " + syscalls.problem());
            }
            KernelCounters kernelAfter = kernelCounters(warnings);
            KernelCounters kernel =
                    kernelBefore == null || kernelAfter == null ? null : kernelAfter.minus(kernelBefore);

            boolean serverDied = !server.alive();
            String stopProblem = server.stop(settings.stopDeadline());
            if (serverDied) {
                throw new CaseFailedException(
                        "server exited during the case (code " + server.exitCode() + "): " + server.lastLine());
            }
            if (stopProblem != null) {
                warnings.add(stopProblem);
            }
            LoadReport load = loadReport(loadgen, exit, loadFile);
            ServerCost cost = serverCost(server, sampler, idleRssBytes, load, caseDir, warnings);
            CaseSummary summary = CaseSummary.from(load)
                    .caseId(c.caseId())
                    .model(c.model())
                    .server(cost)
                    .kernel(kernel)
                    .build();
            ResultFiles.writeJson(caseDir.resolve(ResultFiles.SUMMARY_FILE), summary);
            Files.delete(loadFile);
            return summary;
        }
    }

    /**
     * The command line of a case's server: {@code model} on {@code transport} with {@code
     * serverArgs} (the load's, and {@code --bind} where it must listen elsewhere than loopback),
     * pinned to the server's CPUs, its GC log and pin recording in {@code caseDir}. Used by this
     * runner and by a cluster agent ({@code bench.cluster.Agent}) alike.
     */
    public List<String> serverCommand(String model, String transport, List<String> serverArgs, Path caseDir) {
        List<String> args = new ArrayList<>(List.of(
                "--model",
                model,
                "--transport",
                transport,
                "--pinned-events",
                caseDir.resolve(PINNED_EVENTS).toString()));
        args.addAll(serverArgs);
        Optional<Path> executable = ServerModels.find(model).flatMap(ServerModel::executable);
        List<String> command = new ArrayList<>();
        if (executable.isPresent()) {
            // A program of its own (the native reference): started directly, measured itself.
            command.addAll(settings.pinning().commandPrefix(Role.SERVER));
            command.add(executable.get().toString());
            command.addAll(args);
            return command;
        }
        return settings.java()
                .build(
                        settings.pinning().commandPrefix(Role.SERVER),
                        List.of(GcPauses.jvmFlag(caseDir.resolve(ResultFiles.GC_LOG_FILE))),
                        settings.serverMain(),
                        args);
    }

    /**
     * The command line of a case's load generator against {@code target}: its report and interval
     * log in {@code caseDir}, its workers pinned to the generator's CPUs. Used by this runner and by
     * a cluster agent alike.
     */
    public List<String> loadgenCommand(Endpoint target, LoadOptions options, Path caseDir) {
        List<String> loadgenArgs = LoadgenMain.arguments(
                target,
                options,
                caseDir.resolve(ResultFiles.LOAD_REPORT_FILE),
                caseDir.resolve(ResultFiles.LATENCY_LOG_FILE));
        List<String> loadgenPrefix = List.of();
        if (settings.pinning().pinned()) {
            // The generator's workers alone on its CPUs; the rest of its JVM (JIT, GC, the run
            // thread) beside the server, so that none of it takes a polling worker's CPU.
            loadgenPrefix = settings.pinning().commandPrefix(Role.SERVER);
            loadgenArgs.addAll(
                    LoadgenMain.workerCpusArguments(settings.pinning().loadgen()));
        }
        return settings.java()
                .build(
                        loadgenPrefix,
                        options.shape().paced() ? WarmupPolicy.GENERATOR_JVM_FLAGS : List.of(),
                        settings.loadgenMain(),
                        loadgenArgs);
    }

    /** A sampler of {@code server}'s cost with this runner's period and deadlines; feed it the generator's phases. */
    public ServerSampler sampler(ServerProcess server) {
        return new ServerSampler(
                proc,
                server.pid(),
                () -> server.usage(settings.usageDeadline()),
                settings.samplePeriod(),
                epochMsClock);
    }

    /** The server's idle RSS, read before the load starts. */
    public long idleRssBytes(ServerProcess server) throws CaseFailedException {
        return sample(server).rssBytes();
    }

    /**
     * What the server cost over the measured interval {@code sampler} saw, per request of {@code
     * load}, with its GC pauses and pins from {@code caseDir}; null (with a warning) when not
     * measured. Call it once the server has stopped.
     */
    public static ServerCost serverCost(
            ServerProcess server,
            ServerSampler sampler,
            long idleRssBytes,
            LoadReport load,
            Path caseDir,
            List<String> warnings)
            throws IOException {
        ServerSampler.Interval interval = sampler.result();
        if (interval == null) {
            warnings.add("server cost not measured: " + sampler.problem());
            return null;
        }
        if (interval.usageProblem() != null) {
            String warning = "server CPU time and context switches not measured: " + interval.usageProblem();
            warnings.add(warning);
            server.note(warning);
        }
        Path gcLog = caseDir.resolve(ResultFiles.GC_LOG_FILE);
        Path pinnedEvents = caseDir.resolve(PINNED_EVENTS);
        GcPauses gc = Files.isRegularFile(gcLog)
                ? GcPauses.read(gcLog, interval.startEpochMs(), interval.endEpochMs())
                : null;
        Long pins = Files.isRegularFile(pinnedEvents)
                ? PinnedVirtualThreads.count(pinnedEvents, interval.startEpochMs(), interval.endEpochMs())
                : null;
        return CostMeter.cost(idleRssBytes, interval, load, gc, pins);
    }

    /**
     * The report of a generator that exited with {@code exit}, read from {@code loadFile}.
     *
     * @throws CaseFailedException when it rejected the case, failed, or wrote no readable report
     */
    public static LoadReport loadReport(LoadgenProcess loadgen, int exit, Path loadFile) throws CaseFailedException {
        if (exit == 2) {
            throw new CaseFailedException("load generator rejected the case (exit 2): " + loadgen.lastLine());
        }
        if (exit != 0 && exit != 1) {
            throw new CaseFailedException("load generator exited with code " + exit + ": " + loadgen.lastLine());
        }
        if (!Files.isRegularFile(loadFile)) {
            throw new CaseFailedException("load generator (exit " + exit + ") wrote no " + ResultFiles.LOAD_REPORT_FILE
                    + ": " + loadgen.lastLine());
        }
        return readLoadReport(loadFile);
    }

    private static LoadReport readLoadReport(Path file) throws CaseFailedException {
        try {
            return ResultFiles.readLoadReport(file);
        } catch (IOException | RuntimeException e) {
            throw new CaseFailedException(
                    "cannot read the load generator's " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /** The kernel's counters, or null (with a warning) where this kernel does not offer them. */
    private KernelCounters kernelCounters(List<String> warnings) {
        try {
            return proc.kernelCounters();
        } catch (IOException | RuntimeException e) {
            String warning = "kernel drop counters not read: " + e.getMessage();
            if (!warnings.contains(warning)) {
                warnings.add(warning);
            }
            return null;
        }
    }

    private ProcessSample sample(ServerProcess server) throws CaseFailedException {
        try {
            return proc.sample(server.pid());
        } catch (IOException e) {
            throw new CaseFailedException("cannot read the server's /proc entry: " + e.getMessage());
        }
    }
}
