package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ClusterRun;
import dev.sockbench.core.result.ClusterRun.AgentPart;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.TestRuns;
import dev.sockbench.report.Reports;
import dev.sockbench.report.TestLoads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        Environment agentHost = new Environment(
                "0.1.0-SNAPSHOT",
                "feedc0de",
                "test JDK 25",
                List.of(),
                null,
                "Linux",
                "6.19",
                "Agent CPU",
                16,
                null,
                "h1.lab",
                Map.of(),
                "server on CPU 1, load generator on CPU 0 (taskset)");
        TestRuns.acrossHosts(
                runDir,
                List.of(
                        new Environment.Host("h1", "10.0.0.2:5701", agentHost),
                        new Environment.Host("h0", "10.0.0.1:5701", null)));
        assertThat(ResultFiles.readRun(runDir).environment().hosts()).hasSize(2);

        String html = Files.readString(Reports.render(runDir));

        String hosts = html.substring(html.indexOf("<h2 id=\"hosts\">"), html.indexOf("<h2 id=\"environment\">"));
        assertThat(hosts)
                .containsSubsequence("spread", "h0 (10.0.0.1)", "INVALID: agent h2 left", "h1", "10.0.0.2:5701", ">8<")
                .doesNotContain(">local<");
        assertThat(html).contains("<a href=\"#hosts\">hosts</a>");
        String environment = html.substring(html.indexOf("<h2 id=\"environment\">"));
        assertThat(environment)
                .contains("<th>agent h1</th><td>10.0.0.2:5701: h1.lab, 16 × Agent CPU, kernel 6.19, test JDK 25;"
                        + " server on CPU 1, load generator on CPU 0 (taskset); git feedc0de</td>")
                .contains("<th>agent h0</th><td>10.0.0.1:5701: environment not reported</td>");

        TestRuns.write(runDir.resolveSibling("plain"), "plain", List.of(local));
        assertThat(Files.readString(Reports.render(runDir.resolveSibling("plain"))))
                .doesNotContain("id=\"hosts\"");
    }
}
