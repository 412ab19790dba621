package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ClusterRun;
import dev.sockbench.core.result.ClusterRun.AgentPart;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.TestRuns;
import dev.sockbench.report.Reports;
import dev.sockbench.report.TestLoads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case run across a cluster shows its hosts: the server's agent, then each load agent's own figures. */
class HostsTest {
    @TempDir
    Path runDir;

    @Test
    void aClusterCaseListsTheServerAndEveryLoadAgent(@TempDir Path plainRun) throws Exception {
        Percentiles p = new Percentiles(50.0, 60.0, 100.0, 400.0, 500.0, 55.0);
        LatencyUs latency = new LatencyUs(p, p);
        CaseSummary clustered = CaseSummary.from(LoadReport.builder()
                        .load(TestLoads.tcp("closed", 8, 20_000).build())
                        .latencyUs(latency)
                        .invalidReasons(List.of("agent h2 left"))
                        .build())
                .caseId("spread")
                .model("nio-epoll")
                .cluster(new ClusterRun(
                        "h0",
                        "10.0.0.1",
                        List.of(new AgentPart(
                                "h1", "10.0.0.2:5701", true, List.of(), 8, null, 20_000, 200_000, latency, null))))
                .build();
        CaseSummary local = CaseSummary.from(LoadReport.builder()
                        .load(TestLoads.tcp("closed", 8, 20_000).build())
                        .latencyUs(latency)
                        .build())
                .caseId("local")
                .model("nio-epoll")
                .build();
        TestRuns.write(runDir, "hosts", List.of(clustered, local));

        String html = Files.readString(Reports.render(runDir));

        String hosts = html.substring(html.indexOf("<h2 id=\"hosts\">"), html.indexOf("<h2 id=\"environment\">"));
        assertThat(hosts)
                .containsSubsequence("spread", "h0 (10.0.0.1)", "INVALID: agent h2 left", "h1", "10.0.0.2:5701", ">8<")
                .doesNotContain(">local<");
        assertThat(html).contains("<a href=\"#hosts\">hosts</a>");

        TestRuns.write(runDir.resolveSibling("plain"), "plain", List.of(local));
        assertThat(Files.readString(Reports.render(runDir.resolveSibling("plain"))))
                .doesNotContain("id=\"hosts\"");
    }
}
