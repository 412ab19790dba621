package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.TestRuns;
import dev.sockbench.report.Reports;
import dev.sockbench.report.TestLoads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's longest GC pause beside the p99.9 it may explain, and pinned virtual threads. */
class ModelHealthTest {
    @TempDir
    Path runDir;

    @Test
    void theLongestPauseSitsRightAfterTheCorrectedLatencyAndPinsInTheCostView() throws Exception {
        Percentiles p = new Percentiles(50.0, 60.0, 100.0, 4_100.0, 4_200.0, 55.0);
        CaseSummary paused = CaseSummary.from(LoadReport.builder()
                        .load(TestLoads.tcp("closed", 8, 20_000).build())
                        .latencyUs(new LatencyUs(p, p))
                        .build())
                .caseId("virtual")
                .model("blocking-virtual")
                .server(new ServerCost(
                        1_000L, 1_000L, 0.1, 10L, 1L, 0.01, 30, 50L << 20, 4_096.0, 3L, 6_000L, 4_000L, 17L, null,
                        null))
                .build();
        TestRuns.write(runDir, "health", List.of(paused));

        String html = Files.readString(Reports.render(runDir));

        String latency = html.substring(html.indexOf("<h2 id=\"latency\">"), html.indexOf("<h2 id=\"cost\">"));
        assertThat(latency)
                .as("corrected p99.9 and max, then the pause, then the raw latency")
                .containsSubsequence(
                        "<th class=\"num\">max</th><th class=\"num\">GC max pause (µs)</th><th class=\"num\">p50</th>",
                        ">4,100</td><td class=\"num\">4,200</td><td class=\"num\" title=\"the longest of 3 stop-the-world pauses in the interval; corrected p99.9 4,100 µs: a pause this long may explain the tail\">4,000</td>");
        String cost = html.substring(html.indexOf("<h2 id=\"cost\">"), html.indexOf("<h2 id=\"generator\">"));
        assertThat(cost).contains(">pinned virtual threads</th>").contains(">17</td>");
        JsonNode c = ResultFiles.mapper()
                .readTree(runDir.resolve("report/cases.json").toFile())
                .get("cases")
                .get(0);
        assertThat(c.get("serverVirtualThreadsPinned").asLong()).isEqualTo(17);
        assertThat(c.get("serverGcPauseMaxUs").asLong()).isEqualTo(4_000);
    }
}
