package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sockbench.bench.runner.TrialStatistics.CaseTrials;
import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.core.result.TrialStats;
import dev.sockbench.core.result.TrialStats.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trials' statistics on inputs whose answers are known (worked out by hand, t-table values). */
class TrialStatisticsTest {
    /** Student's t, 97.5th percentile, 2 degrees of freedom. */
    private static final double T_975_2DF = 4.302652729911275;

    private static CaseSummary summary(double rate, double p99, Double capacity) {
        Percentiles p = new Percentiles(p99 / 2, p99 * 0.9, p99, null, p99 * 2, p99 / 2);
        LoadReport report = LoadReport.builder()
                .load(CaseLoad.builder()
                        .transport("tcp")
                        .framing("length")
                        .shape(capacity == null ? "closed" : "sweep")
                        .connections(4)
                        .payloadBytes(64)
                        .durationSec(1)
                        .warmupSec(1)
                        .achievedRatePerSec(rate)
                        .requests((long) rate)
                        .build())
                .latencyUs(new LatencyUs(p, p))
                .sweep(capacity == null ? null : new SweepResult("p99=1ms", 99.0, 1000.0, capacity, List.of()))
                .build();
        return CaseSummary.from(report).build();
    }

    private static CaseTrials trials(String caseId, double... rates) {
        Map<Integer, CaseSummary> measured = new LinkedHashMap<>();
        for (int k = 0; k < rates.length; k++) {
            measured.put(k + 1, summary(rates[k], 100 + k, null));
        }
        return new CaseTrials(caseId, rates.length, measured);
    }

    @Test
    void theMedianAndTheTBasedIntervalOfTheMean() {
        Metric m = TrialStatistics.metric(new double[] {99, 101, 100}, true, "a", null);

        assertThat(m.values()).containsExactly(99.0, 101.0, 100.0);
        assertThat(m.median()).isEqualTo(100.0);
        assertThat(m.mean()).isEqualTo(100.0);
        // mean ± t(0.975, n-1) · s / √n, s = 1
        double half = T_975_2DF / Math.sqrt(3);
        assertThat(m.ci95Low()).isCloseTo(100 - half, within(1e-9));
        assertThat(m.ci95High()).isCloseTo(100 + half, within(1e-9));
        assertThat(m.pValueVsBest()).isNull();
        assertThat(m.differsFromBest()).isNull();
    }

    @Test
    void oneTrialHasAMedianButNoInterval() {
        Metric m = TrialStatistics.metric(new double[] {42}, true, "a", new double[] {50});

        assertThat(m.median()).isEqualTo(42.0);
        assertThat(m.ci95Low()).isNull();
        assertThat(m.differsFromBest()).as("not testable with one value").isNull();
    }

    @Test
    void aClearGapIsSignificantAndOverlappingTrialsAreNot() {
        // best: 100 ± 1; slow: 80 ± 1, far apart; close: 99.3 ± 10.5, within its own noise of the best.
        Map<String, TrialStats> stats = TrialStatistics.of(
                List.of(trials("slow", 80, 81, 79), trials("best", 100, 101, 99), trials("close", 89, 110, 99)));

        Metric best = stats.get("best").achievedRatePerSec();
        Metric slow = stats.get("slow").achievedRatePerSec();
        Metric close = stats.get("close").achievedRatePerSec();
        assertThat(best.bestCaseId()).isEqualTo("best").isEqualTo(slow.bestCaseId());
        assertThat(best.differsFromBest()).isNull();
        // Welch: t = 20 / √(1/3 + 1/3) = 24.49 on 4 degrees of freedom: p ≈ 1.7e-5.
        assertThat(slow.pValueVsBest()).isCloseTo(1.66e-5, within(0.1e-5));
        assertThat(slow.differsFromBest()).isTrue();
        // t = 0.67 / √(1/3 + 110.3/3) ≈ 0.11 on about 2 degrees of freedom: p ≈ 0.92.
        assertThat(close.pValueVsBest()).isGreaterThan(0.9);
        assertThat(close.differsFromBest()).isFalse();
        assertThat(stats.get("slow").trials()).isEqualTo(3);
        assertThat(stats.get("slow").measured()).isEqualTo(3);
        assertThat(stats.get("slow").capacityPerSec()).as("no sweep").isNull();
    }

    @Test
    void forLatencyTheLowestMedianIsTheBest() {
        // p99 in trials(...) is 100, 101, 102 for every case: no difference, both constant-spread.
        Map<String, TrialStats> stats = TrialStatistics.of(List.of(trials("a", 1, 2, 3), trials("b", 4, 5, 6)));

        Metric a = stats.get("a").correctedP99Us();
        assertThat(a.higherIsBetter()).isFalse();
        assertThat(a.median()).isEqualTo(101.0);
        assertThat(stats.get("b").achievedRatePerSec().bestCaseId()).isEqualTo("b");
        assertThat(stats.get("a").achievedRatePerSec().differsFromBest()).isTrue(); // 2 vs 5, s = 1: p ≈ 0.02
    }

    @Test
    void twoConstantSamplesDifferExactlyWhenTheirValuesDo() {
        assertThat(TrialStatistics.metric(new double[] {5, 5}, true, "b", new double[] {5, 5})
                        .differsFromBest())
                .isFalse();
        assertThat(TrialStatistics.metric(new double[] {5, 5}, true, "b", new double[] {6, 6})
                        .differsFromBest())
                .isTrue();
    }

    @Test
    void theRepresentativeTrialIsTheMedianByCapacityWhenThereIsOne() {
        Map<Integer, CaseSummary> measured = new LinkedHashMap<>();
        measured.put(1, summary(900, 100, 3000.0));
        measured.put(2, summary(1000, 100, 1000.0));
        measured.put(3, summary(800, 100, 2000.0));
        CaseTrials sweep = new CaseTrials("s", 3, measured);

        assertThat(sweep.representative()).isEqualTo(3); // capacity 2000, the middle; by rate it would be 1
        assertThat(trials("r", 5, 9, 7).representative()).isEqualTo(3); // rate 7
        assertThat(trials("r", 5, 9, 7, 8).representative()).isEqualTo(3); // the lower middle of 5 7 8 9
        Map<String, TrialStats> stats = TrialStatistics.of(List.of(sweep));
        assertThat(stats.get("s").capacityPerSec().median()).isEqualTo(2000.0);
        assertThat(stats.get("s").representativeTrial()).isEqualTo(3);
    }
}
