package dev.sockbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.loadgen.shape.CeilingSearch;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code capacity} shape against a server that takes at least 1 ms of one shared "CPU" per
 * message, so it cannot answer more than 1,000 requests/s: the closed-loop ceiling is measured
 * first and lies at or below that, and every open-loop step follows the bisection below the
 * ceiling exactly. (Whether a step is good on a loaded machine is the machine's business; the
 * runner must follow the search with whatever the steps gave.)
 */
class CapacityTest {
    static final long SERVICE_NS = 1_000_000;
    static final double SERVER_LIMIT_PER_SEC = 1e9 / SERVICE_NS;

    @Test
    void theCeilingComesFirstAndTheStepsBisectBelowIt(@TempDir Path dir) throws Exception {
        // p90 needs 100 samples: a 1 s step at half the ceiling has several hundred.
        SweepTest.Search search =
                SweepTest.search(dir, SERVICE_NS, "-s", "capacity", "--slo", "p90=500ms", "--refine", "2");
        CaseSummary summary = search.summary();
        assertThat(summary.load().shape()).isEqualTo("capacity");
        SweepResult sweep = summary.sweep();
        assertThat(sweep.slo()).isEqualTo("p90=500ms");

        // The ceiling: the closed loop's achieved rate, which the server's limit bounds.
        assertThat(sweep.ceilingPerSec()).isPositive().isLessThanOrEqualTo(SERVER_LIMIT_PER_SEC * 1.02);

        // Every step as the search below that ceiling asked for it, two in all.
        CeilingSearch replay = new CeilingSearch(sweep.ceilingPerSec(), 2);
        for (SweepResult.SweepStep step : sweep.steps()) {
            assertThat(replay.done()).isFalse();
            assertThat(step.targetRatePerSec()).isEqualTo(replay.nextRatePerSec());
            replay.report(step.targetRatePerSec(), step.good());
            assertThat(step.good()).isEqualTo(step.reasons().isEmpty());
        }
        assertThat(replay.done()).isTrue();
        assertThat(sweep.capacityPerSec()).isEqualTo(replay.capacityPerSec());
        if (sweep.capacityPerSec() != null) {
            assertThat(summary.load().targetRatePerSec()).isEqualTo(sweep.capacityPerSec());
        } else {
            assertThat(summary.valid()).isFalse();
        }

        // The log: the ceiling run and the steps, each under its own tags.
        Map<String, Histogram> totals = search.logTotals();
        assertThat(totals).containsKeys("corrected", "raw", "ceiling-corrected", "ceiling-raw");
        assertThat(totals.keySet().stream().filter(t -> t.startsWith("step")).count())
                .isEqualTo(2L * (sweep.steps().size() - 1));
        assertThat(totals.get("ceiling-corrected").getTotalCount())
                .isGreaterThan(totals.get("corrected").getTotalCount() / 4);
    }

    @Test
    void aStepTooShortForTheObjectivesPercentileMeasuresLonger(@TempDir Path dir) throws Exception {
        // p99 needs 1,000 requests; the one step, at half the ~1,000/s ceiling, would have about
        // 500 in the configured second: it measures about 2.2 s instead, and its p99 is judged.
        SweepTest.Search search =
                SweepTest.search(dir, SERVICE_NS, "-s", "capacity", "--slo", "p99=500ms", "--refine", "1");
        SweepResult.SweepStep step = search.summary().sweep().steps().getFirst();
        assertThat(step.requests())
                .as("requests of the step at %s/s", step.targetRatePerSec())
                .isGreaterThanOrEqualTo(1_000);
        assertThat(step.latencyUs().corrected().p99()).as("the step's p99").isNotNull();
        assertThat(step.reasons()).noneMatch(r -> r.contains("not measured"));
    }
}
