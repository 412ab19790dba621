package dev.sockbench.bench.runner;

import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's {@code run.json}, kept current: written when the run starts (every case pending or
 * skipped), rewritten after each case and when the run ends, each time atomically, so an
 * interrupted run is still readable. After {@link #interrupt} the file is final: the case in
 * progress is marked failed and later updates are ignored. Thread-safe (the run's thread and a
 * shutdown hook both write).
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
    private boolean interrupted;

    RunRecord(Path runDir, String suite, Instant startedAt, Environment environment, List<CaseEntry> cases) {
        this.runDir = runDir;
        this.runId = runDir.getFileName().toString();
        this.suite = suite;
        this.startedAt = startedAt.toString();
        this.environment = environment;
        this.cases = new ArrayList<>(cases);
    }

    /** Writes the initial file. */
    synchronized void start() {
        write();
    }

    /** Notes that case {@code index} is running (the one an interrupt marks failed). */
    synchronized void running(int index) {
        current = index;
    }

    /** Records how case {@code index} ended and rewrites the file. */
    synchronized void update(int index, CaseEntry entry) {
        if (interrupted) {
            return;
        }
        cases.set(index, entry);
        current = -1;
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

    /** Marks the case in progress failed ("interrupted"), writes the file one last time. */
    synchronized void interrupt(Instant at) {
        if (interrupted || finishedAt != null) {
            return;
        }
        if (current >= 0) {
            CaseEntry c = cases.get(current);
            cases.set(
                    current,
                    new CaseEntry(
                            c.caseId(),
                            c.model(),
                            c.transport(),
                            c.shape(),
                            CaseStatus.FAILED,
                            false,
                            List.of("interrupted")));
        }
        finishedAt = at.toString();
        write();
        interrupted = true;
    }

    synchronized RunResult snapshot() {
        return new RunResult(ResultFiles.FORMAT, runId, suite, startedAt, finishedAt, environment, List.copyOf(cases));
    }

    private void write() {
        try {
            ResultFiles.writeJson(runDir.resolve(ResultFiles.RUN_FILE), snapshot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(ResultFiles.RUN_FILE), e);
        }
    }
}
