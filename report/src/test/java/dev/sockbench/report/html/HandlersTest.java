package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.RequestHandling;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.TestRuns;
import dev.sockbench.report.Reports;
import dev.sockbench.report.TestLoads;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.chart.HandlerChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handlers suite's shape: two models, the same load under the echo, json and a blocking wait. */
class HandlersTest {
    @TempDir
    Path runDir;

    @Test
    void theSameLoadUnderSeveralHandlersIsOneFamilyWithTheCpuSplitAgainstTheEcho() throws Exception {
        List<CaseSummary> cases = new ArrayList<>();
        List<RequestHandling> handlings = List.of(
                new RequestHandling("echo", null, null), // as the generator never writes it: the plain echo is null
                new RequestHandling("json", null, null),
                new RequestHandling("echo", "block=2ms", 8));
        for (String model : List.of("nio-epoll", "blocking-platform")) {
            for (int i = 0; i < handlings.size(); i++) {
                RequestHandling h = i == 0 ? null : handlings.get(i);
                cases.add(closed(model + "-" + i, model, h, 10_000.0 / (1 + i), 10.0 * (1 + i)));
            }
        }
        TestRuns.write(runDir, "handlers", cases);

        List<Handlers.Family> families =
                Handlers.families(CaseGroup.of(ReportCase.loadAll(Reports.readRun(runDir), runDir)));

        assertThat(families).singleElement().satisfies(f -> {
            assertThat(f.handlings()).containsExactly("echo", "json", "echo block=2ms offload 8");
            assertThat(f.cases().keySet()).containsExactly("nio-epoll", "blocking-platform");
            assertThat(f.key().title()).isEqualTo("tcp · closed · 8 connections · 64 B payload · length framing");
        });
        assertThat(Handlers.cpuSplits(families.getFirst()))
                .filteredOn(s -> s.model().equals("nio-epoll"))
                .containsExactly(
                        new HandlerChart.CpuSplit("nio-epoll", "echo", 10.0, 0.0),
                        new HandlerChart.CpuSplit("nio-epoll", "json", 10.0, 10.0),
                        new HandlerChart.CpuSplit("nio-epoll", "echo block=2ms offload 8", 10.0, 20.0));

        String html = Files.readString(Reports.render(runDir));
        String slug = "handlers-" + families.getFirst().key().slug();
        assertThat(runDir.resolve("report/" + slug + ".png")).isRegularFile();
        assertThat(runDir.resolve("report/" + slug + "-cpu.png")).isRegularFile();
        assertThat(html).contains("src=\"" + slug + ".png\"", "src=\"" + slug + "-cpu.png\"");
        // Each handling is its own group of the tables, titled by its handler.
        assertThat(html).contains("length framing · handler json");
    }

    private static CaseSummary closed(
            String caseId, String model, RequestHandling handling, double rate, double cpuUsPerRequest) {
        Percentiles p = new Percentiles(50.0, 60.0, 100.0, null, 200.0, 50.0);
        return CaseSummary.from(LoadReport.builder()
                        .load(TestLoads.tcp("closed", 8, Math.round(rate))
                                .achievedRatePerSec(rate)
                                .handling(handling)
                                .build())
                        .latencyUs(new LatencyUs(p, p))
                        .build())
                .caseId(caseId)
                .model(model)
                .server(new ServerCost(1_000L, 1_000L, cpuUsPerRequest, 10L, 1L, 0.01, 10, 50L << 20, 0.0))
                .build();
    }
}
