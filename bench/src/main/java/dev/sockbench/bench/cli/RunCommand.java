package dev.sockbench.bench.cli;

import dev.sockbench.bench.cluster.ClusterCaseRunner;
import dev.sockbench.bench.cluster.ClusterKey;
import dev.sockbench.bench.cluster.ClusterOptions;
import dev.sockbench.bench.cluster.Placement;
import dev.sockbench.bench.env.EnvironmentProbe;
import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.process.JavaCommand;
import dev.sockbench.bench.runner.CaseExecutor;
import dev.sockbench.bench.runner.CaseRunner;
import dev.sockbench.bench.runner.SuiteRunner;
import dev.sockbench.bench.suite.ModelCatalog;
import dev.sockbench.bench.suite.ServerModelsCatalog;
import dev.sockbench.bench.suite.Suite;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.bench.suite.SuiteLoader;
import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.cli.Converters;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.loadgen.options.LoadOptions;
import dev.sockbench.report.Reports;
import dev.sockbench.report.junit.JUnitReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sockbench run}: runs a suite — bundled, from a file, or built from the command line's
 * models, transports and load options (an ad-hoc run) — and writes {@code <out>/<run-id>/} with
 * {@code run.json}, the cases' files and the report, points {@code <out>/latest} at it, and
 * prints the report's path last; or completes an interrupted run ({@code --resume}). Exit codes:
 * {@link Cli#EXIT_OK}, {@link Cli#EXIT_INVALID}, {@link Cli#EXIT_BAD_INPUT}, {@link
 * Cli#EXIT_INTERRUPTED} (see the help).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a suite: each case as a server process and a load generator process, then the report.",
            "",
            "A suite is bundled (--suite smoke|quick|standard|full|claims|handlers), a suite .yaml file (--suite FILE), or built from the options"
                    + " (an ad-hoc run): --models, --transports and the load generator's options below, e.g.",
            "  run --models nio-epoll,netty-epoll-et --transports tcp,unix-stream --shape sweep --slo p99=500us"
                    + " -c 32 --trials 3",
            "--resume DIR completes an interrupted run: only the cases (trials) not finished run, then the whole"
                    + " report renders.",
            "Across hosts: --cluster NAME --members HOST,... --key-file FILE --server-on AGENT --load-on AGENT,... runs each"
                    + " case's server and load on `sockbench agent`s (or a suite's placement: block); see the README.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every case measured and valid",
            "1:a case invalid or failed (or none measured)",
            "2:bad usage: unknown model, transport, option or suite; nothing was run",
            "130:interrupted (SIGINT, SIGTERM): the run so far is on disk; --resume completes it"
        })
public final class RunCommand implements Callable<Integer> {
    static final String LATEST = "latest";
    static final String DEFAULT_SUITE = "quick";
    /** The name of an ad-hoc run's suite (and of its run folder's suffix). */
    static final String AD_HOC = "ad-hoc";

    private static final String ALL = "all";
    /** An ad-hoc run across hosts: the transports that cross them. */
    private static final List<String> ACROSS_HOSTS = List.of("tcp", "udp");

    @Option(
            names = {"--suite"},
            paramLabel = "SUITE",
            description = "The suite to run: smoke (CI, under a minute), quick (capacity per model, about 3 min),"
                    + " standard (about 20 min), full (everything with 3 trials: hours), claims (the textbook claims about I/O models, with"
                    + " verdicts: about 10 min), handlers (capacity per model under"
                    + " echo, json, protobuf, cpu=20us and block=2ms, about 15 min), or the path of a suite .yaml file (default: "
                    + DEFAULT_SUITE
                    + " when no ad-hoc option is given).")
    String suite;

    @Option(
            names = {"--models"},
            paramLabel = "ID",
            split = ",",
            description = "Ad-hoc run: the models, comma-separated, or all (default all; see 'sockbench list').")
    List<String> models;

    @Option(
            names = {"--transports"},
            paramLabel = "ID",
            split = ",",
            description = "Ad-hoc run: the transports, comma-separated, or all (default all).")
    List<String> transports;

    @Option(
            names = {"--server-threads"},
            paramLabel = "N",
            converter = Converters.IntCountConverter.class,
            description = "Ad-hoc run: the server's worker threads (default: the model's own).")
    Integer serverThreads;

    @Option(
            names = {"--trials"},
            paramLabel = "N",
            description = "Runs every case N times, models interleaved, and reports medians, 95%% intervals and"
                    + " whether each model differs significantly from the best (default: the suite's, else 1).")
    Integer trials;

    @Option(
            names = {"--resume"},
            paramLabel = "RUN_DIR",
            description = "Completes the interrupted run in RUN_DIR (e.g. results/latest); takes no other option.")
    Path resume;

    @Option(
            names = {"--out"},
            paramLabel = "DIR",
            description = "The folder the run's folder is created in (default: results/ of the sockbench checkout).")
    Path out;

    /** The load generator's options, for an ad-hoc run. */
    @Mixin
    LoadOptions load = new LoadOptions();

    @Option(
            names = {"--junit"},
            paramLabel = "FILE",
            description =
                    "Also write JUnit XML: one test case per case, failed when INVALID or its objective was not met.")
    Path junit;

    /** A run across a cluster: how this controller joins it. */
    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Option(
            names = {"--server-on"},
            paramLabel = "AGENT",
            description = "Run across a cluster: the agent that runs each case's server (with --load-on and the cluster"
                    + " options; overrides a suite's placement:).")
    String serverOn;

    @Option(
            names = {"--load-on"},
            paramLabel = "AGENT",
            split = ",",
            description = "Run across a cluster: the agents each case's load is split over, comma-separated"
                    + " (connections evenly, the rate in proportion).")
    List<String> loadOn;

    /** How long a run across a cluster waits for the placement's agents to be there. */
    static final Duration AGENTS_DEADLINE = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    private final Supplier<ModelCatalog> catalog;
    private final RunReporter reporter;

    public RunCommand() {
        this(ServerModelsCatalog::new, Reports::render);
    }

    RunCommand(Supplier<ModelCatalog> catalog, RunReporter reporter) {
        this.catalog = catalog;
        this.reporter = reporter;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        SuiteLoader loader = new SuiteLoader(catalog.get());
        if (resume != null && (suite != null || adHoc() || trials != null || out != null)) {
            throw new BadInputException("--resume completes a run as it was started, in its own folder: it takes no"
                    + " --suite, --trials, --out or ad-hoc options");
        }
        Suite expanded = resume == null ? suite(loader) : null;
        Path outDir = out != null ? out : Home.results();
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new BadInputException("--out " + outDir + " is a file; give a folder (it is created if missing)");
        }
        if (resume == null) {
            requireWritable(outDir);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();

        Pinning pinning = Pinning.detect();
        ChildProcesses children = new ChildProcesses();
        CaseExecutor caseRunner = new CaseRunner(
                CaseRunner.Settings.defaults(JavaCommand.current(), pinning),
                ProcFs.system(),
                children,
                System::nanoTime,
                System::currentTimeMillis);
        Runnable stopChildren = children::stopAll;
        Placement placement = placement(expanded);
        ClusterCaseRunner clusterRunner = null;
        if (placement != null) {
            clusterRunner = joinCluster(placement, expanded, stderr);
            caseRunner = clusterRunner;
            stopChildren = clusterRunner::abortCurrent;
        }
        // On this machine, the runner and the kernel's movable threads keep off the generator's CPU
        // while cases run; an interrupt puts them back too.
        Pinning.Clearing cleared = clusterRunner == null
                ? pinning.keepOffTheLoadgenCpus(stderr::println)
                : new Pinning.Clearing(() -> {}, "");
        Runnable stopProcesses = stopChildren;
        SuiteRunner runner = new SuiteRunner(
                caseRunner,
                () -> {
                    stopProcesses.run();
                    closeQuietly(cleared);
                },
                stdout,
                Clock.systemDefaultZone(),
                System::nanoTime);
        SuiteRunner.Finished run;
        try {
            if (expanded != null) {
                Environment environment = EnvironmentProbe.system(Home.dir()).capture(pinning.noting(cleared.note()));
                if (clusterRunner != null) {
                    environment = environment.withHosts(clusterRunner.hosts());
                }
                run = runner.run(expanded, outDir, environment);
            } else {
                run = runner.resume(resume, loader);
            }
        } catch (IOException e) {
            // e.g. the disk filled up: every result file is written whole or not at all (ResultFiles)
            throw new BadInputException(
                    "cannot write the results in " + (resume != null ? resume : outDir) + ": " + e.getMessage()
                            + "; the files written so far are whole (./run.sh report renders them)",
                    e);
        } finally {
            if (clusterRunner != null) {
                clusterRunner.close();
            }
            closeQuietly(cleared);
        }

        pointLatestAt(run.runDir(), stderr);
        stdout.println("sockbench: " + tally(run.result().cases()));
        if (junit != null) {
            JUnitReports.ofRun(run.result(), run.runDir()).write(junit);
        }
        Path report;
        try {
            report = reporter.render(run.runDir());
        } catch (IOException e) { // e.g. the disk filled up: each report file is written whole or not at all
            stderr.println("sockbench: cannot write the report in " + run.runDir() + ": " + e.getMessage()
                    + "; the results are whole: make room, then ./run.sh report " + run.runDir());
            stdout.println(run.runDir().resolve("run.json"));
            return Cli.EXIT_BAD_INPUT;
        } catch (RuntimeException e) {
            stderr.println("sockbench: the report could not be rendered: " + e);
            stdout.println(run.runDir().resolve("run.json"));
            return Cli.EXIT_INVALID;
        }
        stdout.println(report);
        return run.allValid() ? Cli.EXIT_OK : Cli.EXIT_INVALID;
    }

    /**
     * Where a run across a cluster puts the processes: {@code --server-on}/{@code --load-on}, else
     * the suite's {@code placement:}; null for a run on this machine.
     */
    private Placement placement(Suite expanded) {
        boolean flags = serverOn != null || loadOn != null;
        Placement placement = null;
        if (flags) {
            placement = new Placement(serverOn, loadOn);
        } else if (expanded != null) {
            placement = Placement.ofSuite(expanded.source()).orElse(null);
        }
        if (resume != null && (flags || cluster.given() || acrossHosts(resume))) {
            throw new BadInputException(
                    "--resume completes a run on this machine; a run across a cluster cannot be resumed");
        }
        if (placement == null && cluster.given()) {
            throw new BadInputException("the cluster options need a placement: --server-on AGENT --load-on AGENT,..."
                    + " (or a suite with a placement: block)");
        }
        if (placement != null && !cluster.given()) {
            throw new BadInputException(
                    "a placement runs across a cluster: give --cluster NAME --members HOST,..." + " --key-file FILE");
        }
        return placement;
    }

    /** True when the run in {@code runDir} ran across a cluster (its environment lists the hosts). */
    private static boolean acrossHosts(Path runDir) {
        try {
            return ResultFiles.readRun(runDir).environment().hosts() != null;
        } catch (IOException | RuntimeException e) {
            return false; // resume says what is wrong with the folder
        }
    }

    /**
     * Joins the cluster as its controller, once every case is known to split over the placement
     * and the key file is safe; waits for the placement's agents.
     */
    private ClusterCaseRunner joinCluster(Placement placement, Suite expanded, PrintWriter stderr)
            throws InterruptedException {
        ClusterKey key = cluster.validate(false);
        for (SuiteCase c : expanded.measured()) {
            try {
                placement.split(c.load().options(), c.transport());
            } catch (BadInputException e) {
                throw new BadInputException("case " + c.caseId() + ": " + e.getMessage(), e);
            }
        }
        stderr.println("sockbench: joining cluster as its controller; servers on " + placement.server() + ", load on "
                + String.join(",", placement.load()));
        stderr.flush();
        ClusterCaseRunner runner =
                ClusterCaseRunner.join(cluster, key, placement, ClusterCaseRunner.Settings.defaults());
        try {
            runner.awaitAgents(AGENTS_DEADLINE);
        } catch (RuntimeException | InterruptedException e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    /** The suite to run: {@code --suite}, or the ad-hoc one, with {@code --trials} applied. */
    private Suite suite(SuiteLoader loader) {
        boolean adHoc = models != null
                || transports != null
                || serverThreads != null
                || !load.toArgs().isEmpty();
        if (suite != null && adHoc) {
            throw new BadInputException("--suite and the ad-hoc options (--models, --transports, --server-threads, the"
                    + " load options) exclude each other; give a suite or the options");
        }
        if (trials != null && (trials < 1 || trials > Suite.MAX_TRIALS)) {
            throw new BadInputException("--trials must be 1 to " + Suite.MAX_TRIALS + ", got " + trials);
        }
        Suite s = adHoc
                ? loader.parse(
                        AD_HOC,
                        SuiteLoader.adHoc(
                                models != null ? models : List.of(ALL),
                                transports != null
                                        ? transports
                                        : serverOn != null || loadOn != null ? ACROSS_HOSTS : List.of(ALL),
                                load,
                                serverThreads,
                                trials != null ? trials : 1))
                : loader.load(suite != null ? suite : DEFAULT_SUITE);
        return trials != null ? s.withTrials(trials) : s;
    }

    /** True when an ad-hoc option is given: the models, the transports, the server's threads or a load option. */
    private boolean adHoc() {
        return models != null
                || transports != null
                || serverThreads != null
                || !load.toArgs().isEmpty();
    }

    /**
     * Fails before anything runs when no file can be made in {@code outDir} (created if missing): a
     * read-only file system, a folder of someone else's, a file in the way.
     */
    static void requireWritable(Path outDir) {
        try {
            Files.createDirectories(outDir);
            Files.delete(Files.createTempFile(outDir, ".sockbench-", ".probe"));
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot write results in " + outDir + " (" + reason(e)
                            + "); choose another --out or make it writable",
                    e);
        }
    }

    /** What went wrong, without the exception's class: the path alone says little. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    }

    /** {@code <out>/latest} becomes a symlink to the run folder, replaced atomically. */
    static void pointLatestAt(Path runDir, PrintWriter stderr) {
        Path outDir = runDir.getParent();
        Path latest = outDir.resolve(LATEST);
        try {
            Path tmp =
                    outDir.resolve("." + LATEST + "-" + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, runDir.getFileName());
            // rename(2) replaces the old link itself, never what it points to.
            Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            stderr.println("sockbench: could not point " + latest + " at " + runDir.getFileName() + ": " + e);
        }
    }

    /** E.g. {@code 12 measured (11 valid, 1 invalid), 1 failed, 3 skipped}. */
    static String tally(List<CaseEntry> cases) {
        long measured = count(cases, CaseStatus.MEASURED);
        long valid = cases.stream()
                .filter(c -> c.status() == CaseStatus.MEASURED && c.valid())
                .count();
        long failed = count(cases, CaseStatus.FAILED);
        long skipped = count(cases, CaseStatus.SKIPPED);
        long pending = cases.size() - measured - failed - skipped;
        String text = measured + " measured (" + valid + " valid, " + (measured - valid) + " invalid), " + failed
                + " failed, " + skipped + " skipped";
        return pending == 0 ? text : text + ", " + pending + " not run";
    }

    private static long count(List<CaseEntry> cases, CaseStatus status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }

    /** Gives the runner every CPU back for the report; a failure only leaves it slower. */
    private static void closeQuietly(AutoCloseable affinity) {
        try {
            affinity.close();
        } catch (Exception e) {
            // The report renders on the server's CPUs alone.
        }
    }
}
