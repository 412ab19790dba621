package dev.sockbench.loadgen.shape;

import static dev.sockbench.loadgen.shape.SweepSearchTest.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The capacity shape's search below the closed-loop ceiling, with scripted step outcomes. */
class CeilingSearchTest {

    @Test
    void bisectsBelowTheCeilingWhichItNeverTries() {
        CeilingSearch search = new CeilingSearch(80_000, 3);
        // Good up to 65k: 40k good, 60k good, 70k bad.
        assertThat(sweep(search, rate -> rate <= 65_000)).containsExactly(40_000.0, 60_000.0, 70_000.0);
        assertThat(search.capacityPerSec()).isEqualTo(60_000.0);
        assertThat(search.firstBadPerSec()).isEqualTo(70_000.0);
    }

    @Test
    void whenEveryStepFailsItHalvesTwiceMoreAndTheBracketNamesTheLowestTried() {
        CeilingSearch search = new CeilingSearch(80_000, 3);
        assertThat(sweep(search, rate -> false)).containsExactly(40_000.0, 20_000.0, 10_000.0, 5_000.0, 2_500.0);
        assertThat(search.capacityPerSec()).isNull();
        assertThat(search.firstBadPerSec()).isEqualTo(2_500.0);
    }

    @Test
    void aLighterLoadThatHoldsAfterTheBracketIsTheCapacityAndEndsTheSearch() {
        CeilingSearch search = new CeilingSearch(80_000, 3);
        assertThat(sweep(search, rate -> rate <= 6_000)).containsExactly(40_000.0, 20_000.0, 10_000.0, 5_000.0);
        assertThat(search.capacityPerSec()).isEqualTo(5_000.0);
        assertThat(search.firstBadPerSec()).isEqualTo(10_000.0);
    }

    @Test
    void whenEveryStepHoldsTheCapacityApproachesTheCeilingByHalves() {
        CeilingSearch search = new CeilingSearch(80_000, 4);
        assertThat(sweep(search, rate -> true)).containsExactly(40_000.0, 60_000.0, 70_000.0, 75_000.0);
        assertThat(search.capacityPerSec()).isEqualTo(75_000.0);
        assertThat(search.firstBadPerSec()).isNull();
    }

    @Test
    void aNoisyStepDoesNotLowerTheCapacityBelowAGoodOneAlreadySeen() {
        CeilingSearch search = new CeilingSearch(80_000, 3);
        // 40k good, 60k bad (noise), 50k good: capacity 50k, the highest good step.
        assertThat(sweep(search, rate -> rate != 60_000)).containsExactly(40_000.0, 60_000.0, 50_000.0);
        assertThat(search.capacityPerSec()).isEqualTo(50_000.0);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new CeilingSearch(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CeilingSearch(1_000, 0)).isInstanceOf(IllegalArgumentException.class);
        CeilingSearch done = new CeilingSearch(1_000, 1);
        done.report(done.nextRatePerSec(), true);
        assertThat(done.done()).isTrue();
        assertThatThrownBy(done::nextRatePerSec).isInstanceOf(IllegalStateException.class);
    }
}
