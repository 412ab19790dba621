package dev.sockbench.bench.runner;

import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.result.RunResult.TrialEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's {@code run.json}, kept current: written when the run starts (every case pending or
 * skipped), rewritten after each case (or trial) and when the run ends, each time atomically, so
 * an interrupted run is still readable. After {@link #interrupt} the file is final: the case (or
 * trial) in progress is marked failed, {@value CaseEntry#INTERRUPTED}, and later updates are
 * ignored. Thread-safe (the run's thread and a shutdown hook both write).
 *
 * <p>A case run several times keeps each trial's outcome in its entry's {@code trials}; until its
 * statistics are written ({@link #conclude}) the case itself is pending, or failed ({@code trial
 * <k>: interrupted}) when a trial was interrupted.
 */
final class RunRecord {
    private final Path runDir;
    private final String runId;
    private final String suite;
    private final String startedAt;
    private final Environment environment;
    private final List<CaseEntry> cases;
    private String finishedAt;
    private int current = -1;
    private int currentTrial;
    private boolean interrupted;

    RunRecord(Path runDir, String suite, Instant startedAt, Environment environment, List<CaseEntry> cases) {
        this(runDir, suite, startedAt.toString(), environment, cases);
    }

    private RunRecord(Path runDir, String suite, String startedAt, Environment environment, List<CaseEntry> cases) {
        this.runDir = runDir;
        this.runId = runDir.getFileName().toString();
        this.suite = suite;
        this.startedAt = startedAt;
        this.environment = environment;
        this.cases = new ArrayList<>(cases);
    }

    /** The record of an earlier run, to be completed: as it was, not finished. */
    static RunRecord resume(Path runDir, RunResult run) {
        return new RunRecord(runDir, run.suite(), run.startedAt(), run.environment(), run.cases());
    }

    /** True when a case or trial with this outcome has yet to run: never started, or interrupted. */
    static boolean unfinished(CaseStatus status, List<String> reasons) {
        return status == CaseStatus.PENDING
                || (status == CaseStatus.FAILED
                        && List.of(CaseEntry.INTERRUPTED).equals(reasons));
    }

    /** Writes the file as it stands. */
    synchronized void start() {
        write();
    }

    /** Notes that trial {@code trial} of case {@code index} is running (the one an interrupt marks failed). */
    synchronized void running(int index, int trial) {
        current = index;
        currentTrial = trial;
    }

    /**
     * Records how trial {@code trial} of case {@code index} ended ({@code outcome}: the case
     * runner's entry for it) and rewrites the file.
     */
    synchronized void update(int index, int trial, CaseEntry outcome) {
        if (interrupted) {
            return;
        }
        CaseEntry c = cases.get(index);
        cases.set(
                index,
                c.trials() == null
                        ? outcome
                        : withTrial(c, new TrialEntry(trial, outcome.status(), outcome.valid(), outcome.reasons())));
        current = -1;
        write();
    }

    /** Sets the final entry of case {@code index} (a case run several times) and rewrites the file. */
    synchronized void conclude(int index, CaseEntry entry) {
        if (interrupted) {
            return;
        }
        cases.set(index, entry);
        write();
    }

    /** Marks the run finished and rewrites the file. */
    synchronized void finish(Instant at) {
        if (interrupted) {
            return;
        }
        finishedAt = at.toString();
        write();
    }

    /** Marks the case (or trial) in progress failed ("interrupted"), writes the file one last time. */
    synchronized void interrupt(Instant at) {
        if (interrupted || finishedAt != null) {
            return;
        }
        if (current >= 0) {
            CaseEntry c = cases.get(current);
            List<String> why = List.of(CaseEntry.INTERRUPTED);
            cases.set(
                    current,
                    c.trials() == null
                            ? c.with(CaseStatus.FAILED, false, why)
                            : withTrial(c, new TrialEntry(currentTrial, CaseStatus.FAILED, false, why)));
        }
        finishedAt = at.toString();
        write();
        interrupted = true;
    }

    synchronized RunResult snapshot() {
        return new RunResult(ResultFiles.FORMAT, runId, suite, startedAt, finishedAt, environment, List.copyOf(cases));
    }

    /**
     * {@code c} with one trial's outcome replaced, and the case's own status as it stands before
     * its statistics: failed when a trial was interrupted, else pending.
     */
    private static CaseEntry withTrial(CaseEntry c, TrialEntry trial) {
        List<TrialEntry> trials = new ArrayList<>(c.trials());
        trials.set(trial.trial() - 1, trial);
        List<String> interruptedTrials = trials.stream()
                .filter(t -> t.status() == CaseStatus.FAILED && unfinished(t.status(), t.reasons()))
                .map(t -> "trial " + t.trial() + ": " + CaseEntry.INTERRUPTED)
                .toList();
        return c.withTrials(trials)
                .with(interruptedTrials.isEmpty() ? CaseStatus.PENDING : CaseStatus.FAILED, false, interruptedTrials);
    }

    private void write() {
        try {
            ResultFiles.writeJson(runDir.resolve(ResultFiles.RUN_FILE), snapshot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(ResultFiles.RUN_FILE), e);
        }
    }
}
