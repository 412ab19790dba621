package dev.sockbench.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.loadgen.WarmupPolicy;
import org.junit.jupiter.api.Test;

/** A worker's timeline: rehearsal timeline counted back from the measured one, then the measured one. */
class TimelineTest {
    private static final long MS = 1_000_000L;

    @Test
    void theWarmUpIsCutIntoRehearsalsThatEndWhereTheMeasuredIntervalBegins() {
        Timeline timeline = new Timeline(0, 250 * MS, 1_250 * MS, 100 * MS);

        assertThat(timeline.rehearsals()).isEqualTo(3);
        assertThat(timeline.current().startNs()).isZero(); // the first one is the short one: 0-50 ms
        assertThat(timeline.nextStartNs()).isEqualTo(50 * MS);
        assertThat(timeline.advance(60 * MS).startNs()).isEqualTo(50 * MS);
        // A stall longer than a period skips it whole.
        assertThat(timeline.advance(260 * MS)).isSameAs(timeline.measured());
        assertThat(timeline.measured().startNs()).isEqualTo(250 * MS);
        assertThat(timeline.nextStartNs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void onlyTheRehearsalsShareTheirRecordingsAndOnlyTheMeasuredPeriodKeepsItsOwn() {
        Timeline timeline = new Timeline(0, 200 * MS, 1_200 * MS, 100 * MS);
        Timeline.Period first = timeline.current();
        Timeline.Period second = timeline.advance(100 * MS);

        assertThat(second.recorder()).isSameAs(first.recorder()).isSameAs(timeline.rehearsalRecorder());
        assertThat(timeline.measured().recorder()).isNotSameAs(timeline.rehearsalRecorder());
        assertThat(second.tally()).isNotSameAs(first.tally());
    }

    @Test
    void pollingYieldsInTheWarmUpOnlyAsAValueNotABranch() {
        Timeline timeline = new Timeline(0, 200 * MS, 1_200 * MS, 100 * MS);

        assertThat(timeline.current().pollsPerYield()).isEqualTo(WarmupPolicy.WARMUP_POLLS_PER_YIELD);
        assertThat(timeline.measured().pollsPerYield()).isEqualTo(Long.MAX_VALUE);
    }
}
