package dev.sockbench.loadgen;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.cli.Converters;
import dev.sockbench.core.process.CpuSet;
import dev.sockbench.core.process.Phase;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.loadgen.check.CpuMeter;
import dev.sockbench.loadgen.engine.CompilerPriority;
import dev.sockbench.loadgen.engine.LoadEngine;
import dev.sockbench.loadgen.engine.Probe;
import dev.sockbench.loadgen.engine.WorkerAffinity;
import dev.sockbench.loadgen.options.LoadOptions;
import dev.sockbench.loadgen.pacing.NanoClock;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The load generator as a process: {@code loadgen --target URI [options]}.
 *
 * <p>stdout carries the phase markers, each on its own line — {@code PHASE warmup}, {@code PHASE
 * measure} (the measured interval starts now), {@code PHASE done} (it ended) — then a short
 * wrk-like summary. Progress goes to stderr once a second. With {@code --json} the case's {@link
 * CaseSummary} is written (composed from the generator's report alone: no case, no server cost, the
 * model from {@code --label}), with {@code --load-json} the {@link LoadReport} a harness composes
 * the summary from, with {@code --hlog} the interval log (each also when the target died mid-run,
 * or the generator got SIGINT or SIGTERM: the data so far is kept). Exit code 0 when the case is
 * valid, 1 when it is not (the reasons are in the JSON and on stderr), 2 on bad input, an
 * unreachable target, or a target that does not echo.
 */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Drives an echo server with a load shape; measures latency (corrected and raw), rate and errors.")
public final class LoadgenMain implements Callable<Integer> {
    /** On SIGINT/SIGTERM, how long the JVM waits for the summary and log to be written. */
    static final long SHUTDOWN_WRITE_WAIT_SEC = 10;

    // The names of the options besides the load's, for the annotations and arguments() alike.
    static final String TARGET = "--target";
    static final String JSON = "--json";
    static final String LOAD_JSON = "--load-json";
    static final String HLOG = "--hlog";
    static final String WORKER_CPUS = "--worker-cpus";

    @Option(
            names = TARGET,
            required = true,
            converter = Converters.EndpointConverter.class,
            description = "The echo server: tcp://HOST:PORT, udp://HOST:PORT, unix:///PATH or unix-dgram:///PATH.")
    Endpoint target;

    @Mixin
    LoadOptions load = new LoadOptions();

    @Option(names = JSON, description = "Write the case summary (summary.json) here.")
    Path json;

    @Option(
            names = "--label",
            paramLabel = "NAME",
            description = "The server's name in the case summary that --json writes (its 'model'), e.g. nginx-1.27; "
                    + "default: none.")
    String label;

    @Option(
            names = LOAD_JSON,
            description = "Write the generator's report (load.json) here: what it measured, without the case, "
                    + "model or server cost; a harness composes summary.json from it.")
    Path loadJson;

    @Option(names = HLOG, description = "Write the interval log (latency.hlog, HdrHistogram format) here.")
    Path hlog;

    @Option(
            names = WORKER_CPUS,
            paramLabel = "LIST",
            description = "Pin the worker threads to these CPUs (Linux), e.g. 0 or 0-3: one worker per CPU by"
                    + " default. Start the process elsewhere (taskset -c OTHER) so that the JVM's other threads"
                    + " (JIT compiler, GC) never take a worker's CPU. Default: not pinned.")
    String workerCpus;

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
        // The process's own JIT yields to the server it shares CPUs with (CompilerPriority).
        String problem = CompilerPriority.lower();
        if (problem != null) {
            System.err.println("sockbench loadgen: note: the JIT compiler keeps its priority: " + problem);
        }
        System.exit(Cli.execute(new LoadgenMain(), args));
    }

    /**
     * The command line that runs {@code load} against {@code target}, writing the generator's
     * report to {@code loadJson} and the interval log to {@code hlog}: what a harness passes to
     * this main (it composes and writes the case summary itself).
     */
    public static List<String> arguments(Endpoint target, LoadOptions load, Path loadJson, Path hlog) {
        List<String> args = new ArrayList<>(List.of(TARGET, target.toString()));
        args.addAll(load.toArgs());
        args.addAll(List.of(LOAD_JSON, loadJson.toString(), HLOG, hlog.toString()));
        return args;
    }

    /** The option that pins the workers ({@link WorkerAffinity}), followed by its CPU list. */
    public static List<String> workerCpusArguments(CpuSet cpus) {
        return List.of(WORKER_CPUS, cpus.toString());
    }

    @Override
    public Integer call() throws Exception {
        if (workerCpus != null) {
            CpuSet cpus;
            try {
                cpus = CpuSet.parse(workerCpus);
            } catch (RuntimeException e) {
                throw new BadInputException(
                        WORKER_CPUS + " takes a CPU list such as 0 or 0-3,6, got '" + workerCpus + "'");
            }
            if (cpus.size() == 0) {
                throw new BadInputException(WORKER_CPUS + " needs at least one CPU");
            }
            WorkerAffinity.configure(cpus);
            if (load.threads() == null) {
                load.threads(cpus.size()); // one worker per CPU of its own
            }
        }
        LoadSpec spec = load.resolve(target.transport());
        Probe.check(
                target,
                spec.framing(),
                spec.handling().handler(),
                spec.payloadBytes(),
                spec.seed(),
                spec.timeoutNs(),
                clock);
        Generator runner = new Generator(clock, cpu);
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

    private int runAndReport(Generator runner, LoadSpec spec) throws Exception {
        // Where the warm-up rehearses printing progress: the same stream code as stderr's.
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, err.charset());
        Generator.Outcome outcome = runner.run(
                spec,
                target,
                new LoadEngine.Listener() {
                    @Override
                    public void phase(Phase phase) {
                        out.println(ProcessLines.phase(phase));
                        out.flush();
                    }

                    @Override
                    public void progress(String line) {
                        err.println(line);
                        err.flush();
                    }

                    @Override
                    public void rehearseProgress(String line) {
                        nowhere.println(line);
                        nowhere.flush();
                    }
                },
                hlog);
        LoadReport report = outcome.report();
        if (loadJson != null) {
            ResultFiles.writeJson(loadJson, report);
        }
        if (json != null) {
            ResultFiles.writeJson(json, CaseSummary.from(report).model(label).build());
        }
        out.print(HumanSummary.format(target, report));
        out.flush();
        if (outcome.firstError() != null) {
            err.println("first error: " + outcome.firstError());
        }
        if (!report.valid()) {
            for (String reason : report.invalidReasons()) {
                err.println("invalid: " + reason);
            }
            err.flush();
            return Cli.EXIT_INVALID;
        }
        return Cli.EXIT_OK;
    }
}
