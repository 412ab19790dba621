package dev.sockbench.report.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.report.TestLoads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCaseTest {
    @TempDir
    Path caseDir;

    @Test
    void aValidSummaryInAValidEntryIsValid() throws Exception {
        writeSummary(true, List.of());
        ReportCase c = ReportCase.load(entry(CaseStatus.MEASURED, true, List.of()), caseDir);
        assertThat(c.status()).isEqualTo(ReportStatus.VALID);
        assertThat(c.reasons()).isEmpty();
        assertThat(c.summary().model()).isEqualTo("nio-epoll");
    }

    @Test
    void theRunnerCanInvalidateAValidSummaryAndBothReasonsShow() throws Exception {
        writeSummary(false, List.of("errors: 3 requests failed"));
        ReportCase c = ReportCase.load(
                entry(
                        CaseStatus.MEASURED,
                        false,
                        List.of("errors: 3 requests failed", "UDP receive buffer dropped 12")),
                caseDir);
        assertThat(c.status()).isEqualTo(ReportStatus.INVALID);
        assertThat(c.reasons()).containsExactly("errors: 3 requests failed", "UDP receive buffer dropped 12");

        writeSummary(true, List.of());
        ReportCase runnerOnly =
                ReportCase.load(entry(CaseStatus.MEASURED, false, List.of("listen queue overflowed")), caseDir);
        assertThat(runnerOnly.status()).isEqualTo(ReportStatus.INVALID);
        assertThat(runnerOnly.reasons()).containsExactly("listen queue overflowed");
    }

    @Test
    void invalidWithoutAReasonStillSaysSo() throws Exception {
        writeSummary(false, List.of());
        ReportCase c = ReportCase.load(entry(CaseStatus.MEASURED, false, List.of()), caseDir);
        assertThat(c.status()).isEqualTo(ReportStatus.INVALID);
        assertThat(c.reasons()).containsExactly("marked invalid without a reason");
    }

    @Test
    void aMissingSummaryIsUnreadableNotACrash() {
        ReportCase c = ReportCase.load(entry(CaseStatus.MEASURED, true, List.of()), caseDir);
        assertThat(c.status()).isEqualTo(ReportStatus.UNREADABLE);
        assertThat(c.reasons().getFirst()).startsWith("cannot read summary.json");
        assertThat(c.summary()).isNull();
    }

    @Test
    void skippedFailedAndPendingKeepTheirReasons() {
        assertThat(ReportCase.load(entry(CaseStatus.SKIPPED, false, List.of("n/a: no Unix channel")), caseDir))
                .extracting(ReportCase::status, ReportCase::reasons)
                .containsExactly(ReportStatus.SKIPPED, List.of("n/a: no Unix channel"));
        assertThat(ReportCase.load(entry(CaseStatus.FAILED, false, List.of("server died")), caseDir))
                .extracting(ReportCase::status, ReportCase::reasons)
                .containsExactly(ReportStatus.FAILED, List.of("server died"));
        assertThat(ReportCase.load(entry(CaseStatus.PENDING, false, List.of()), caseDir))
                .extracting(ReportCase::status, ReportCase::reasons)
                .containsExactly(
                        ReportStatus.PENDING,
                        List.of("not run yet: the run is in progress or was interrupted before this case"));
    }

    private static RunResult.CaseEntry entry(CaseStatus status, boolean valid, List<String> reasons) {
        return new RunResult.CaseEntry("c1", "nio-epoll", "tcp", "closed", status, valid, reasons);
    }

    private void writeSummary(boolean valid, List<String> reasons) throws Exception {
        Percentiles p = new Percentiles(1.0, 2.0, 3.0, 4.0, 5, 2);
        CaseLoad load = TestLoads.tcp("closed", 1, 100).build();
        // The record's own constructor: a file may say invalid without a reason, which the
        // composition from a generator's report never does.
        CaseSummary summary = new CaseSummary(
                ResultFiles.FORMAT,
                "c1",
                "nio-epoll",
                valid,
                reasons,
                load,
                new LatencyUs(p, p),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        ResultFiles.writeJson(caseDir.resolve(ResultFiles.SUMMARY_FILE), summary);
        assertThat(Files.exists(caseDir.resolve(ResultFiles.SUMMARY_FILE))).isTrue();
    }
}
