package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.report.TestLoads;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.chart.CostChart;
import dev.sockbench.report.chart.PercentileChart;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupChartsTest {
    @TempDir
    Path runDir;

    @Test
    void repeatedCasesOfAModelAreAddedNotAveraged() throws Exception {
        // run 1: 900 × 100 µs; run 2: 100 × 1 ms. Averaging the p90s (100 and 1,000 µs) would
        // give 550 µs; the added histogram's p90 is 100 µs and its p95 is 1 ms.
        ReportCase first = measured("a", "nio-epoll", hist(100_000L, 900), null, cost(10.0, 0.5), 900);
        ReportCase second = measured("b", "nio-epoll", hist(1_000_000L, 100), null, cost(20.0, 1.5), 100);

        GroupCharts.Collected data = GroupCharts.collect(group(first, second));

        assertThat(data.lines()).hasSize(1);
        PercentileChart.Line line = data.lines().getFirst();
        assertThat(line.label()).isEqualTo("nio-epoll (2 cases added)");
        assertThat(line.correctedNs().getTotalCount()).isEqualTo(1_000);
        assertThat(line.correctedNs().getValueAtPercentile(90.0)).isEqualTo(100_031L);
        assertThat(line.correctedNs().getValueAtPercentile(95.0)).isEqualTo(1_000_447L);
        assertThat(line.rawNs())
                .as("closed loop: raw equals corrected, not drawn twice")
                .isNull();
        // per request, weighted by requests: CPU (10 × 900 + 20 × 100) / 1,000 = 11,
        // context switches (0.5 × 900 + 1.5 × 100) / 1,000 = 0.6
        assertThat(data.bars()).hasSize(1);
        CostChart.Bar bar = data.bars().getFirst();
        assertThat(bar.model()).isEqualTo("nio-epoll");
        assertThat(bar.cpuUsPerRequest()).isCloseTo(11.0, within(1e-9));
        assertThat(bar.ctxSwitchesPerRequest()).isCloseTo(0.6, within(1e-9));
        assertThat(data.notCharted()).isEmpty();
    }

    @Test
    void rawIsDrawnWhenItDiffersFromCorrected() throws Exception {
        ReportCase open = measured("a", "nio-epoll", hist(5_000_000L, 10), hist(200_000L, 10), null, 10);

        GroupCharts.Collected data = GroupCharts.collect(group(open));

        assertThat(data.lines().getFirst().rawNs().getMaxValue()).isEqualTo(200_063L);
        assertThat(data.bars()).as("no server cost measured, no bar").isEmpty();
    }

    @Test
    void sweepCostsAreWeightedByTheRequestsOfAllTheirSteps() throws Exception {
        // Each sweep's cost covers all its steps (1,000 requests each); its load.requests are
        // the capacity step's only (100 and 900). Weighted by all the steps' requests:
        // (10 × 1,000 + 20 × 1,000) / 2,000 = 15; by the capacity steps' it would be 19.
        ReportCase first = sweep("a", cost(10.0, 1.0), 100, 900);
        ReportCase second = sweep("b", cost(20.0, 3.0), 900, 100);

        GroupCharts.Collected data = GroupCharts.collect(group(first, second));

        CostChart.Bar bar = data.bars().getFirst();
        assertThat(bar.cpuUsPerRequest()).isCloseTo(15.0, within(1e-9));
        assertThat(bar.ctxSwitchesPerRequest()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aCostWithoutCpuAndSwitchFiguresDrawsNoBar() throws Exception {
        // The server did not answer for its usage: threads and RSS are known, the per-request figures are not.
        ServerCost unanswered = new ServerCost(
                null, null, null, null, null, null, 12, 1 << 20, 0.0, null, null, null, null, null, null);
        ReportCase c = measured("a", "nio-epoll", hist(100_000L, 10), null, unanswered, 10);

        GroupCharts.Collected data = GroupCharts.collect(group(c));

        assertThat(data.lines()).hasSize(1);
        assertThat(data.bars()).isEmpty();
    }

    @Test
    void invalidCasesAndCasesWithoutALogAreLeftOutAndNamed() throws Exception {
        ReportCase good = measured("good", "nio-epoll", hist(100_000L, 10), null, cost(5.0), 10);
        ReportCase bad = new ReportCase(
                entry("bad", "blocking-virtual"),
                ReportStatus.INVALID,
                List.of("achieved rate short"),
                summary("bad", "blocking-virtual", cost(1.0), 10),
                runDir.resolve("cases/bad"));
        ReportCase noLog = new ReportCase(
                entry("nolog", "nio-poll"),
                ReportStatus.VALID,
                List.of(),
                summary("nolog", "nio-poll", cost(7.0), 10),
                runDir.resolve("cases/nolog"));

        GroupCharts.Collected data = GroupCharts.collect(group(good, bad, noLog));

        assertThat(data.lines()).extracting(PercentileChart.Line::model).containsExactly("nio-epoll");
        assertThat(data.bars())
                .as("an invalid case's cost is not drawn; a valid one without a log still is")
                .extracting(CostChart.Bar::model)
                .containsExactly("nio-epoll", "nio-poll");
        assertThat(data.notCharted())
                .containsExactly(
                        "blocking-virtual (bad): INVALID, achieved rate short", "nio-poll (nolog): no latency.hlog");
    }

    private CaseGroup group(ReportCase... cases) {
        return new CaseGroup("01-test", "test", List.of(cases));
    }

    private ReportCase measured(
            String caseId, String model, Histogram corrected, Histogram raw, ServerCost cost, long requests)
            throws Exception {
        Path caseDir = runDir.resolve("cases").resolve(caseId);
        try (LatencyLog log = LatencyLog.create(caseDir.resolve("latency.hlog"), 0L)) {
            log.write(LatencyLog.CORRECTED, corrected);
            log.write(LatencyLog.RAW, raw == null ? corrected : raw);
        }
        return new ReportCase(
                entry(caseId, model), ReportStatus.VALID, List.of(), summary(caseId, model, cost, requests), caseDir);
    }

    /** A sweep whose capacity step completed {@code capacityRequests}, after a step of {@code otherRequests}. */
    private ReportCase sweep(String caseId, ServerCost cost, long capacityRequests, long otherRequests)
            throws Exception {
        Percentiles p = new Percentiles(1.0, 1.0, 1.0, 1.0, 1, 1);
        SweepResult.SweepStep other =
                new SweepResult.SweepStep(200, 200, otherRequests, 0, new LatencyUs(p, p), true, List.of(), false);
        SweepResult.SweepStep capacity =
                new SweepResult.SweepStep(100, 100, capacityRequests, 0, new LatencyUs(p, p), true, List.of(), false);
        CaseSummary summary = summary(
                caseId,
                "nio-epoll",
                cost,
                capacityRequests,
                new SweepResult("p99=1ms", 99.0, 1_000.0, 100.0, List.of(capacity, other)));
        ReportCase c = measured(caseId, "nio-epoll", hist(100_000L, 10), null, cost, capacityRequests);
        return new ReportCase(c.entry(), c.status(), c.reasons(), summary, c.caseDir());
    }

    private static RunResult.CaseEntry entry(String caseId, String model) {
        return new RunResult.CaseEntry(caseId, model, "tcp", "closed", CaseStatus.MEASURED, true, List.of());
    }

    private static CaseSummary summary(String caseId, String model, ServerCost cost, long requests) {
        return summary(caseId, model, cost, requests, null);
    }

    /** A closed case over TCP that completed {@code requests} (a sweep's capacity step's, when {@code sweep} is set). */
    private static CaseSummary summary(String caseId, String model, ServerCost cost, long requests, SweepResult sweep) {
        Percentiles p = new Percentiles(1.0, 1.0, 1.0, 1.0, 1, 1);
        LoadReport report = LoadReport.builder()
                .load(TestLoads.tcp("closed", 1, requests).build())
                .latencyUs(new LatencyUs(p, p))
                .sweep(sweep)
                .build();
        return CaseSummary.from(report).caseId(caseId).model(model).server(cost).build();
    }

    private static ServerCost cost(double cpuUsPerRequest) {
        return cost(cpuUsPerRequest, 1.0);
    }

    private static ServerCost cost(double cpuUsPerRequest, double ctxSwitchesPerRequest) {
        return new ServerCost(0, 0, cpuUsPerRequest, 0, 0, ctxSwitchesPerRequest, 1, 1, 0);
    }

    private static Histogram hist(long valueNs, long count) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(valueNs, count);
        return h;
    }
}
