package dev.sockbench.bench.runner;

import dev.sockbench.bench.runner.Trials.Step;
import dev.sockbench.bench.suite.Suite;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.bench.suite.SuiteLoader;
import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Runs a suite case by case into a new run folder {@code <out>/<run-id>/}: {@code run.json}
 * (kept current as cases end), {@code suite.yaml} (the suite as run), and per measured case
 * {@code cases/<case-id>/} with its summary, latency log and process logs — with trials, one
 * folder per trial inside it and the case's statistics ({@link Trials}). Skipped cells are listed
 * in {@code run.json} with their reason. A failing case is recorded as failed and the run goes
 * on. {@link #resume} completes an interrupted run in its folder.
 *
 * <p>Ctrl-C or SIGTERM: the run's shutdown hook stops the case's processes (none is left behind),
 * marks the case in progress failed ({@code interrupted}) in {@code run.json}, and the process
 * exits with {@link Cli#EXIT_INTERRUPTED}; every file on disk stays whole.
 */
public final class SuiteRunner {
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

    private final CaseExecutor caseRunner;
    private final Runnable stopChildren;
    private final PrintWriter out;
    private final Clock clock;
    private final LongSupplier nanoClock;

    /**
     * @param stopChildren on an interrupt (the shutdown hook): stops the processes of the case in
     *     progress and undoes what the run changed on the machine
     * @param out where progress goes
     */
    public SuiteRunner(
            CaseExecutor caseRunner, Runnable stopChildren, PrintWriter out, Clock clock, LongSupplier nanoClock) {
        this.caseRunner = caseRunner;
        this.stopChildren = stopChildren;
        this.out = out;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    /**
     * Runs every case of {@code suite}, each {@code suite.trials()} times.
     *
     * @return the run as written to {@code run.json}, and its folder
     */
    public Finished run(Suite suite, Path outDir, Environment environment) throws IOException {
        Path runDir = createRunDir(outDir, suite.name());
        ResultFiles.writeAtomically(
                runDir.resolve(ResultFiles.SUITE_FILE), suite.source().getBytes(StandardCharsets.UTF_8));
        List<CaseEntry> entries = new ArrayList<>();
        for (SuiteCase c : suite.cases()) {
            entries.add(Trials.initialEntry(c, suite.trials()));
        }
        RunRecord record = new RunRecord(runDir, suite.name(), clock.instant(), environment, entries);
        return execute(suite, runDir, record, environment.pinningNote());
    }

    /**
     * Completes an earlier run in its own folder: runs the cases (and trials) that have not run
     * or were interrupted, concludes the cases run several times, and rewrites {@code run.json}.
     * The suite is the one the run kept ({@code suite.yaml}), expanded again here.
     *
     * @throws BadInputException when {@code runDir} is not a run this sockbench can resume
     */
    public Finished resume(Path runDir, SuiteLoader loader) throws IOException {
        RunResult previous;
        String source;
        try {
            previous = ResultFiles.readRun(runDir);
            source = Files.readString(runDir.resolve(ResultFiles.SUITE_FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot resume " + runDir + ": " + e.getMessage()
                    + " (a run folder written by sockbench run keeps run.json and suite.yaml)");
        }
        int trials = previous.cases().stream()
                .filter(c -> c.trials() != null)
                .mapToInt(c -> c.trials().size())
                .findFirst()
                .orElse(1);
        Suite suite = loader.parse(previous.suite(), source).withTrials(trials);
        List<String> expected = suite.cases().stream().map(SuiteCase::caseId).toList();
        List<String> recorded = previous.cases().stream().map(CaseEntry::caseId).toList();
        if (!expected.equals(recorded)) {
            throw new BadInputException("cannot resume " + runDir + ": its suite expands here to other cases than the"
                    + " run's (a model or transport is not available the same way on this machine)");
        }
        RunRecord record = RunRecord.resume(runDir, previous);
        return execute(suite, runDir, record, previous.environment().pinningNote() + " (as when the run started)");
    }

    private Finished execute(Suite suite, Path runDir, RunRecord record, String pinningNote) throws IOException {
        record.start();
        List<Step> steps = Trials.schedule(suite, record.snapshot().cases());
        Progress progress = Progress.create(steps, suite.trials(), out, nanoClock);
        long cases = steps.stream().mapToInt(Step::index).distinct().count();
        out.printf(
                "sockbench: suite %s, %d case%s to measure%s%s; %s%n",
                suite.name(),
                cases,
                cases == 1 ? "" : "s",
                suite.trials() == 1 ? "" : ", " + suite.trials() + " trials each, models interleaved",
                skippedNote(suite),
                pinningNote);
        out.printf("sockbench: results in %s%n", runDir);
        out.flush();

        Thread hook = new Thread(
                () -> {
                    progress.close();
                    // First the record, so that the run's thread, seeing its processes die, cannot
                    // record the case as failed for another reason than the interrupt.
                    record.interrupt(clock.instant());
                    stopChildren.run();
                    System.err.println("sockbench: interrupted; the run so far is in " + runDir + " (./run.sh report "
                            + runDir + " renders it, ./run.sh run --resume " + runDir + " completes it)");
                    // The exit code of an interrupted run, whichever signal stopped it (the JVM's own
                    // would be 128 + the signal's number).
                    Runtime.getRuntime().halt(Cli.EXIT_INTERRUPTED);
                },
                "sockbench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (Step step : steps) {
                record.running(step.index(), step.trial());
                progress.started(step);
                Path dir = Trials.dir(runDir, step, suite.trials());
                deleteLeftovers(dir);
                CaseOutcome outcome = caseRunner.run(step.c(), dir);
                record.update(step.index(), step.trial(), outcome.entry());
                progress.ended(step, outcome);
            }
            progress.close();
            if (suite.trials() > 1) {
                Trials.conclude(suite, runDir, record);
            }
            record.finish(clock.instant());
        } finally {
            removeHook(hook);
        }
        return new Finished(runDir, record.snapshot());
    }

    /**
     * Removes a folder and all it holds, if it is there: what an interrupted attempt left in a
     * case's (or trial's) folder before it runs again; a case's files on a cluster agent once sent.
     */
    public static void deleteLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * A run that went to its end.
     *
     * @param runDir its folder
     * @param result the content of its {@code run.json}
     */
    public record Finished(Path runDir, RunResult result) {
        /** True when at least one case was measured and every measured case is valid and none failed. */
        public boolean allValid() {
            boolean anyMeasured = false;
            for (CaseEntry c : result.cases()) {
                switch (c.status()) {
                    case MEASURED -> {
                        anyMeasured = true;
                        if (!c.valid()) {
                            return false;
                        }
                    }
                    case SKIPPED -> {}
                    case FAILED, PENDING -> {
                        return false;
                    }
                }
            }
            return anyMeasured;
        }
    }

    private static String skippedNote(Suite suite) {
        long skipped = suite.cases().stream().filter(SuiteCase::skipped).count();
        return skipped == 0
                ? ""
                : " (" + skipped + " cell" + (skipped == 1 ? "" : "s") + " skipped: n/a or unavailable here)";
    }

    /** {@code <out>/<local time>-<suite>}, with {@code -2}, {@code -3}, ... if taken. */
    private Path createRunDir(Path outDir, String suiteName) throws IOException {
        Files.createDirectories(outDir);
        String base = LocalDateTime.now(clock).format(RUN_ID_TIME) + "-" + suiteName.replaceAll("[^A-Za-z0-9._-]", "_");
        for (int n = 1; ; n++) {
            Path dir = outDir.resolve(n == 1 ? base : base + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // another run started in the same second: take the next suffix
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook runs or has run
        }
    }
}
