package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.env.EnvironmentProbe;
import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.suite.LoadSpec;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.result.RunResult.TrialEntry;
import dev.sockbench.core.transport.Transport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordTest {
    private static CaseEntry pending(String id) {
        return new CaseEntry(id, "nio-epoll", "tcp", "closed", CaseStatus.PENDING, false, List.of());
    }

    @Test
    void isReadableFromTheStartAndAnInterruptMarksTheCaseInProgressFailed(@TempDir Path runDir) throws Exception {
        Environment env = EnvironmentProbe.system(runDir).capture(Pinning.unpinned("test"));
        RunRecord record = new RunRecord(
                runDir, "quick", Instant.parse("2026-01-01T00:00:00Z"), env, List.of(pending("01-a"), pending("02-b")));
        record.start();

        RunResult initial = ResultFiles.readRun(runDir);
        assertThat(initial.runId()).isEqualTo(runDir.getFileName().toString());
        assertThat(initial.finishedAt()).isNull();
        assertThat(initial.cases())
                .extracting(CaseEntry::status)
                .containsExactly(CaseStatus.PENDING, CaseStatus.PENDING);

        record.running(0, 1);
        record.update(0, 1, new CaseEntry("01-a", "nio-epoll", "tcp", "closed", CaseStatus.MEASURED, true, List.of()));
        record.running(1, 1);
        record.interrupt(Instant.parse("2026-01-01T00:01:00Z"));
        // The run's thread may still report the case it was running: the interrupt has the last word.
        record.update(1, 1, new CaseEntry("02-b", "nio-epoll", "tcp", "closed", CaseStatus.MEASURED, true, List.of()));
        record.finish(Instant.parse("2026-01-01T00:02:00Z"));

        RunResult last = ResultFiles.readRun(runDir);
        assertThat(last.cases()).extracting(CaseEntry::status).containsExactly(CaseStatus.MEASURED, CaseStatus.FAILED);
        assertThat(last.cases().get(1).reasons()).containsExactly("interrupted");
        assertThat(last.finishedAt()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(last.environment().pinningNote()).isEqualTo("not pinned: test");
    }

    @Test
    void aCaseRunSeveralTimesKeepsEachTrialAndIsPendingUntilConcludedOrFailedWhenATrialWasInterrupted(
            @TempDir Path runDir) throws Exception {
        Environment env = EnvironmentProbe.system(runDir).capture(Pinning.unpinned("test"));
        SuiteCase c = new SuiteCase(
                "01-a", "nio-epoll", Transport.TCP, LoadSpec.of("closed", 4, null, 64, 1_000_000_000L, 0), null);
        RunRecord record = new RunRecord(
                runDir, "quick", Instant.parse("2026-01-01T00:00:00Z"), env, List.of(Trials.initialEntry(c, 3)));
        record.start();

        record.running(0, 1);
        record.update(0, 1, new CaseEntry("01-a", "nio-epoll", "tcp", "closed", CaseStatus.MEASURED, true, List.of()));
        RunResult afterOne = ResultFiles.readRun(runDir);
        assertThat(afterOne.cases().getFirst().status()).isEqualTo(CaseStatus.PENDING);
        assertThat(afterOne.cases().getFirst().trials())
                .extracting(TrialEntry::status)
                .containsExactly(CaseStatus.MEASURED, CaseStatus.PENDING, CaseStatus.PENDING);

        record.running(0, 2);
        record.interrupt(Instant.parse("2026-01-01T00:01:00Z"));

        CaseEntry last = ResultFiles.readRun(runDir).cases().getFirst();
        assertThat(last.status()).isEqualTo(CaseStatus.FAILED);
        assertThat(last.reasons()).containsExactly("trial 2: interrupted");
        assertThat(last.trials())
                .extracting(t -> t.trial() + " " + t.status().id() + " " + t.reasons())
                .containsExactly("1 measured []", "2 failed [interrupted]", "3 pending []");
        // What a resume runs again: the interrupted trial and the one never started.
        assertThat(last.trials().stream()
                        .filter(t -> RunRecord.unfinished(t.status(), t.reasons()))
                        .map(TrialEntry::trial))
                .containsExactly(2, 3);
    }
}
