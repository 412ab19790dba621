package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.IdleConnections;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.TestRuns;
import dev.sockbench.report.Reports;
import dev.sockbench.report.TestLoads;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.chart.ScalingChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard suite's scaling cases: two models with 10, 1,000 and 10,000 idle connections beside
 * the same load, and closed loops at 64 B, 4 KiB and 64 KiB.
 */
class ScalingTest {
    @TempDir
    Path runDir;

    @Test
    void idleConnectionsAndPayloadsFormAFamilyEachWithAPointPerCase() throws Exception {
        List<CaseSummary> cases = new ArrayList<>();
        for (String model : List.of("nio-epoll", "blocking-platform")) {
            double perConnection = model.equals("nio-epoll") ? 1_024 : 65_536;
            for (int idle : List.of(10, 1_000, 10_000)) {
                cases.add(idle(model + "-idle" + idle, model, idle, 100 + idle / 100.0, perConnection));
            }
            for (int payload : List.of(64, 4_096, 65_536)) {
                cases.add(payload(model + "-payload" + payload, model, payload, 100_000.0 / (1 + payload / 4_096)));
            }
        }
        TestRuns.write(runDir, "scaling", cases);

        List<Scaling.Family> families = Scaling.families(
                CaseGroup.of(ReportCase.loadAll(dev.sockbench.report.Reports.readRun(runDir), runDir)));

        assertThat(families)
                .extracting(Scaling.Family::axis)
                .containsExactly(ScalingChart.Axis.IDLE_CONNECTIONS, ScalingChart.Axis.PAYLOAD);
        Scaling.Family idle = families.get(0);
        assertThat(idle.title())
                .isEqualTo("tcp · idle · 5,000 req/s target · 4 connections · 64 B payload · length framing");
        assertThat(idle.lines()).extracting(ScalingChart.Line::model).containsExactly("nio-epoll", "blocking-platform");
        assertThat(idle.lines().get(1).points())
                .containsExactly(
                        new ScalingChart.Point(10, 100.1, 64.0),
                        new ScalingChart.Point(1_000, 110.0, 64.0),
                        new ScalingChart.Point(10_000, 200.0, 64.0));
        Scaling.Family payload = families.get(1);
        assertThat(payload.title()).isEqualTo("tcp · closed · 8 connections · length framing");
        assertThat(payload.lines().get(0).points())
                .extracting(ScalingChart.Point::x, ScalingChart.Point::second)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(64.0, 100_000.0),
                        org.assertj.core.groups.Tuple.tuple(4_096.0, 50_000.0),
                        org.assertj.core.groups.Tuple.tuple(65_536.0, 100_000.0 / 17));

        String html = Files.readString(Reports.render(runDir));
        assertThat(html).contains("<h2 id=\"scaling\">Scaling</h2>");
        for (Scaling.Family f : families) {
            assertThat(runDir.resolve("report/scaling-" + f.slug() + ".png")).isRegularFile();
            assertThat(html).contains("src=\"scaling-" + f.slug() + ".png\"");
        }
    }

    @Test
    void aRunWithoutScalingGroupsHasNoScalingSection() throws Exception {
        TestRuns.write(runDir, "plain", List.of(TestRuns.closed("a", "nio-epoll", "tcp", 1000, 50, 100, 5)));

        assertThat(Files.readString(Reports.render(runDir))).doesNotContain("id=\"scaling\"");
    }

    private static CaseSummary idle(String caseId, String model, int idle, double p99Us, double rssPerConnection) {
        Percentiles p = new Percentiles(50.0, 60.0, p99Us, null, p99Us * 2, 50.0);
        return CaseSummary.from(LoadReport.builder()
                        .load(TestLoads.tcp("idle", 4, 5_000)
                                .targetRatePerSec(5_000.0)
                                .build())
                        .latencyUs(new LatencyUs(p, p))
                        .idle(new IdleConnections(idle, idle, idle))
                        .build())
                .caseId(caseId)
                .model(model)
                .server(new ServerCost(1_000L, 1_000L, 0.4, 10L, 1L, 0.01, 10, 50L << 20, rssPerConnection))
                .build();
    }

    private static CaseSummary payload(String caseId, String model, int bytes, double rate) {
        Percentiles p = new Percentiles(50.0, 60.0, 100.0, null, 200.0, 50.0);
        return CaseSummary.from(LoadReport.builder()
                        .load(TestLoads.tcp("closed", 8, Math.round(rate))
                                .payloadBytes(bytes)
                                .achievedRatePerSec(rate)
                                .build())
                        .latencyUs(new LatencyUs(p, p))
                        .build())
                .caseId(caseId)
                .model(model)
                .build();
    }
}
