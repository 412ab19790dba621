package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.SyscallCounts;
import dev.sockbench.core.result.TestRuns;
import dev.sockbench.report.Reports;
import dev.sockbench.report.SyntheticRun;
import dev.sockbench.report.TestLoads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims page: written beside index.html, and linked from it, when the run has a claim's
 * cases (here the system calls of a blocking and an epoll server), with the verdict, its table
 * and chart; absent, and not linked, from a run without them.
 */
class ClaimsPageTest {
    @TempDir
    Path runDir;

    @Test
    void aRunWithAClaimsCasesHasTheClaimsPageLinkedFromTheIndex() throws Exception {
        CaseSummary blocking = traced("01-blocking-platform", "blocking-platform");
        CaseSummary epoll = traced("02-ffm-epoll-lt", "ffm-epoll-lt");
        TestRuns.write(runDir, "claims-run", List.of(blocking, epoll));
        counts(blocking, Map.of("read", 1_000L, "write", 1_000L, "futex", 10L));
        counts(epoll, Map.of("epoll_wait", 1_000L, "read", 1_000L, "write", 1_000L));

        Path index = Reports.render(runDir);

        Path page = index.resolveSibling(ClaimsRenderer.FILE);
        assertThat(Files.readString(index)).contains("href=\"claims.html\"");
        String html = Files.readString(page);
        assertThat(html)
                .contains("System calls per request")
                .contains("<span class=\"verdict holds\">holds</span>")
                .contains("blocking-platform 1.00")
                .contains("ffm-epoll-lt 2.00")
                .contains("not measured in this run") // the claims this run has no cases for
                .contains("Test CPU");
        assertThat(index.resolveSibling("claim-syscalls.png")).isNotEmptyFile();
    }

    @Test
    void aRunWithoutThemHasNoClaimsPage() throws Exception {
        SyntheticRun.write(runDir);

        Path index = Reports.render(runDir);

        assertThat(index.resolveSibling(ClaimsRenderer.FILE)).doesNotExist();
        assertThat(Files.readString(index)).doesNotContain("claims.html");
    }

    private static CaseSummary traced(String caseId, String model) {
        Percentiles p = new Percentiles(100.0, 100.0, 200.0, 300.0, 400.0, 100.0);
        return CaseSummary.from(LoadReport.builder()
                        .load(TestLoads.tcp("closed", 1, 1_000).build())
                        .latencyUs(new LatencyUs(p, p))
                        .build())
                .caseId(caseId)
                .model(model)
                .server(new ServerCost(0, 0, 50.0, 0, 0, 0.0, 1, 0, 0.0))
                .build();
    }

    private void counts(CaseSummary s, Map<String, Long> calls) throws Exception {
        ResultFiles.writeJson(
                ResultFiles.caseDir(runDir, s.caseId()).resolve(SyscallCounts.FILE),
                new SyscallCounts("strace", 1.0, calls));
    }
}
