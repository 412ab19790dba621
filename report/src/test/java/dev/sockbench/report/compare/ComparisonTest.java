package dev.sockbench.report.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.result.TestRuns;
import dev.sockbench.report.SyntheticRun;
import dev.sockbench.report.junit.JUnitReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
    @TempDir
    static Path dir;

    static Path baseline;
    static Path worse;

    @BeforeAll
    static void runs() throws Exception {
        baseline = dir.resolve("baseline");
        SyntheticRun.write(baseline);
        worse = dir.resolve("worse");
        TestRuns.regressed(baseline, worse, 3.0, 3.0);
    }

    @Test
    void aRunComparedWithItselfHasNoRegression() {
        Comparison c = Comparison.of(baseline, baseline, 0.10);

        assertThat(c.regressed()).isFalse();
        assertThat(c.matched()).hasSize(5);
        assertThat(c.onlyInBaseline()).isEmpty();
        assertThat(c.onlyInCurrent()).isEmpty();
        assertThat(c.notMeasured()).extracting(r -> r.caseId()).containsExactly("iouring-unix", "poll-tcp");
        assertThat(c.matched())
                .flatExtracting(Comparison.CaseDelta::metrics)
                .extracting(Comparison.MetricDelta::verdict)
                .containsOnly(Comparison.Verdict.UNCHANGED);
    }

    @Test
    void threeTimesTheLatencyAndAThirdOfTheRateIsARegression() {
        Comparison c = Comparison.of(baseline, worse, 0.10);

        assertThat(c.regressed()).isTrue();
        Comparison.CaseDelta epoll = delta(c, "closed-nio-epoll");
        assertThat(verdicts(epoll, Metric.RATE, Metric.P50, Metric.P99)).containsOnly(Comparison.Verdict.REGRESSED);
        assertThat(verdict(epoll, Metric.CPU)).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(epoll.regressions()).anySatisfy(r -> assertThat(r).startsWith("rate -66.7% (1,000 → 333 req/s)"));
        // an INVALID case is listed, never judged
        Comparison.CaseDelta invalid = delta(c, "open-blocking-virtual");
        assertThat(invalid.regressed()).isFalse();
        assertThat(invalid.notCompared()).startsWith("INVALID in the current run: ");
        assertThat(DeltaTable.of(c))
                .contains("REGRESSED nio-epoll · tcp · closed")
                .contains("rate", "-66.7% !");
    }

    @Test
    void theDirectionDecides_betterIsNoRegression() throws Exception {
        Path better = dir.resolve("better");
        TestRuns.regressed(baseline, better, 1 / 3.0, 1 / 3.0); // a third of the latency, 3x the rate

        Comparison c = Comparison.of(baseline, better, 0.10);

        assertThat(c.regressed()).isFalse();
        assertThat(verdicts(delta(c, "closed-nio-epoll"), Metric.RATE, Metric.P50, Metric.P99))
                .containsOnly(Comparison.Verdict.IMPROVED);
    }

    @Test
    void aChangeWithinTheThresholdIsNoRegression() {
        assertThat(Comparison.of(baseline, worse, 2.5).regressed()).isFalse(); // +200% ≤ 250%
        assertThat(Comparison.of(baseline, worse, 1.9).regressed()).isTrue();
    }

    @Test
    void casesInOneRunOnlyAreListedNotFailed() throws Exception {
        Path two = dir.resolve("two");
        Path one = dir.resolve("one");
        TestRuns.write(
                two,
                "two",
                List.of(
                        TestRuns.closed("a", "nio-epoll", "tcp", 1000, 50, 100, 5),
                        TestRuns.closed("b", "nio-poll", "tcp", 1000, 50, 100, 5)));
        TestRuns.write(
                one,
                "one",
                List.of(
                        TestRuns.closed("a", "nio-epoll", "tcp", 1000, 50, 100, 5),
                        TestRuns.closed("c", "nio-epoll", "udp", 1000, 50, 100, 5)));

        Comparison c = Comparison.of(two, one, 0.10);

        assertThat(c.regressed()).isFalse();
        assertThat(c.matched()).extracting(d -> d.current().caseId()).containsExactly("a");
        assertThat(c.onlyInBaseline()).extracting(r -> r.caseId()).containsExactly("b");
        assertThat(c.onlyInCurrent()).extracting(r -> r.caseId()).containsExactly("c");
        assertThat(DeltaTable.of(c)).contains("only in the baseline: b", "only in the current run: c");
    }

    @Test
    void withIntervalsOnBothSidesOnlyASignificantChangeCounts() {
        assertThat(new Estimate(100, 90.0, 110.0).significantlyDifferentFrom(new Estimate(115, 105.0, 125.0)))
                .isFalse();
        assertThat(new Estimate(100, 90.0, 110.0).significantlyDifferentFrom(new Estimate(130, 120.0, 140.0)))
                .isTrue();
        assertThat(Estimate.of(100).significantlyDifferentFrom(new Estimate(115, 105.0, 125.0)))
                .isTrue();
    }

    @Test
    void thresholdIsAPositivePercentage() {
        assertThat(Comparison.parseThreshold("10%")).isEqualTo(0.10);
        assertThat(Comparison.parseThreshold("2.5")).isEqualTo(0.025);
        assertThatThrownBy(() -> Comparison.parseThreshold("ten")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Comparison.parseThreshold("0%")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Comparison.parseThreshold("-5%")).isInstanceOf(BadInputException.class);
    }

    @Test
    void notARunFolderIsBadInput() {
        assertThatThrownBy(() -> Comparison.of(dir.resolve("nowhere"), baseline, 0.1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("nowhere");
    }

    @Test
    void comparePageHasEveryCaseEscapedAndBothCurvesPerCase() throws Exception {
        Path out = dir.resolve("compare-out");
        Path page = CompareReport.write(Comparison.of(baseline, worse, 0.10), out);

        String html = Files.readString(page);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(html).contains("matched cases regressed beyond 10%").contains("class=\"regressed\"");
        assertThat(html).contains("not measured in the current run: poll-tcp");
        try (var files = Files.list(out)) {
            List<String> pngs = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".png"))
                    .toList();
            assertThat(pngs).hasSize(5).allSatisfy(png -> assertThat(html).contains("src=\"" + png + "\""));
        }
    }

    @Test
    void junitHasOneFailedTestCasePerRegressedCase() {
        String xml =
                JUnitReports.ofComparison(Comparison.of(baseline, worse, 0.10)).toXml();

        assertThat(xml).contains("tests=\"7\" failures=\"4\" errors=\"0\" skipped=\"3\"");
        assertThat(xml).contains("<failure message=\"regressed beyond 10%: rate -66.7%");
        assertThat(xml).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    private static Comparison.CaseDelta delta(Comparison c, String caseId) {
        return c.matched().stream()
                .filter(d -> d.current().caseId().equals(caseId))
                .findFirst()
                .orElseThrow();
    }

    private static Comparison.Verdict verdict(Comparison.CaseDelta d, Metric metric) {
        return d.metrics().stream()
                .filter(m -> m.metric() == metric)
                .findFirst()
                .orElseThrow()
                .verdict();
    }

    private static List<Comparison.Verdict> verdicts(Comparison.CaseDelta d, Metric... metrics) {
        return java.util.Arrays.stream(metrics).map(m -> verdict(d, m)).toList();
    }
}
