package dev.sockbench.loadgen.shape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** The capacity search with scripted step outcomes: which rates it tries and what it concludes. */
class SweepSearchTest {

    static List<Double> sweep(RateSearch search, DoublePredicate good) {
        List<Double> tried = new ArrayList<>();
        while (!search.done()) {
            double rate = search.nextRatePerSec();
            tried.add(rate);
            search.report(rate, good.test(rate));
        }
        return tried;
    }

    @Test
    void risesByTheFactorThenBisectsBetweenLastGoodAndFirstBad() {
        SweepSearch search = new SweepSearch(1_000, 2, 1e9, 3);
        List<Double> tried = sweep(search, rate -> rate <= 5_000);
        assertThat(tried).containsExactly(1_000.0, 2_000.0, 4_000.0, 8_000.0, 6_000.0, 5_000.0, 5_500.0);
        assertThat(search.capacityPerSec()).isEqualTo(5_000.0);
        assertThat(search.firstBadPerSec()).isEqualTo(5_500.0);
    }

    @Test
    void capacityIsTheHighestGoodRateEvenWhenStepsAreNoisy() {
        SweepSearch search = new SweepSearch(100, 2, 1e9, 4);
        // 400 passes, 800 fails, 600 fails, 500 passes, 550 passes.
        List<Double> tried = sweep(search, rate -> rate != 800 && rate != 600);
        assertThat(tried).containsExactly(100.0, 200.0, 400.0, 800.0, 600.0, 500.0, 550.0, 575.0);
        assertThat(search.capacityPerSec()).isEqualTo(575.0);
    }

    @Test
    void aBadFirstStepMeansNoCapacity() {
        SweepSearch search = new SweepSearch(1_000, 2, 1e9, 3);
        assertThat(sweep(search, rate -> false)).containsExactly(1_000.0);
        assertThat(search.capacityPerSec()).isNull();
    }

    @Test
    void theRiseStopsAtTheMaximumRateTriedExactlyOnce() {
        SweepSearch search = new SweepSearch(1_000, 3, 5_000, 3);
        assertThat(sweep(search, rate -> true)).containsExactly(1_000.0, 3_000.0, 5_000.0);
        assertThat(search.capacityPerSec()).isEqualTo(5_000.0);
        assertThat(search.firstBadPerSec()).isNull();
    }

    @Test
    void refiningStopsWhenTheBracketIsWithinOnePercent() {
        SweepSearch search = new SweepSearch(1_000, 1.0078125, 1e9, 10);
        assertThat(sweep(search, rate -> rate < 1_004)).containsExactly(1_000.0, 1_007.8125);
        assertThat(search.capacityPerSec()).isEqualTo(1_000.0);
    }
}
