package dev.sockbench.bench.runner;

import dev.sockbench.bench.suite.Suite;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs a suite case by case into a new run folder {@code <out>/<run-id>/}: {@code run.json}
 * (kept current as cases end), and per measured case {@code cases/<case-id>/} with its
 * summary, latency log and process logs. Skipped cells are listed in {@code run.json} with
 * their reason. A failing case is recorded as failed and the run goes on.
 *
 * <p>Ctrl-C: the run's shutdown hook stops the case's processes (none is left behind) and marks
 * the case in progress failed in {@code run.json}; every file on disk stays whole.
 */
public final class SuiteRunner {
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

    private final CaseRunner caseRunner;
    private final Runnable stopChildren;
    private final PrintWriter out;
    private final Clock clock;
    private final LongSupplier nanoClock;

    /**
     * @param stopChildren stops the processes of the case in progress (for the shutdown hook)
     * @param out where progress goes
     */
    public SuiteRunner(
            CaseRunner caseRunner, Runnable stopChildren, PrintWriter out, Clock clock, LongSupplier nanoClock) {
        this.caseRunner = caseRunner;
        this.stopChildren = stopChildren;
        this.out = out;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    /**
     * Runs every case of {@code suite}.
     *
     * @return the run as written to {@code run.json}, and its folder
     */
    public Finished run(Suite suite, Path outDir, Environment environment) throws IOException {
        Path runDir = createRunDir(outDir, suite.name());
        List<CaseEntry> entries = new ArrayList<>();
        for (SuiteCase c : suite.cases()) {
            entries.add(new CaseEntry(
                    c.caseId(),
                    c.model(),
                    c.transport().id(),
                    c.load().shape(),
                    c.skipped() ? CaseStatus.SKIPPED : CaseStatus.PENDING,
                    false,
                    c.skipped() ? List.of(c.skipReason()) : List.of()));
        }
        RunRecord record = new RunRecord(runDir, suite.name(), clock.instant(), environment, entries);
        record.start();

        List<SuiteCase> measured = suite.measured();
        Progress progress = new Progress(measured, out, nanoClock);
        out.printf(
                "sockbench: suite %s, %d case%s to measure%s; %s%n",
                suite.name(),
                measured.size(),
                measured.size() == 1 ? "" : "s",
                skippedNote(suite),
                environment.pinningNote());
        out.printf("sockbench: results in %s%n", runDir);
        out.flush();

        Thread hook = new Thread(
                () -> {
                    stopChildren.run();
                    record.interrupt(clock.instant());
                    System.err.println("sockbench: interrupted; the run so far is in " + runDir + " (./run.sh report "
                            + runDir + " renders it)");
                },
                "sockbench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (int i = 0; i < suite.cases().size(); i++) {
                SuiteCase c = suite.cases().get(i);
                if (c.skipped()) {
                    continue;
                }
                record.running(i);
                progress.started(c);
                CaseOutcome outcome = caseRunner.run(c, ResultFiles.caseDir(runDir, c.caseId()));
                record.update(i, outcome.entry());
                progress.ended(c, outcome);
            }
            record.finish(clock.instant());
        } finally {
            removeHook(hook);
        }
        return new Finished(runDir, record.snapshot());
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
