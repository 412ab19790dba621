package dev.sockbench.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.loadgen.WarmupPolicy;
import org.junit.jupiter.api.Test;

/** A worker's timeline: rehearsal windows counted back from the measured one, then the measured one. */
class WindowsTest {
    private static final long MS = 1_000_000L;

    @Test
    void theWarmUpIsCutIntoRehearsalsThatEndWhereTheMeasuredIntervalBegins() {
        Windows windows = new Windows(0, 250 * MS, 1_250 * MS, 100 * MS);

        assertThat(windows.rehearsals()).isEqualTo(3);
        assertThat(windows.current().startNs()).isZero(); // the first one is the short one: 0-50 ms
        assertThat(windows.nextStartNs()).isEqualTo(50 * MS);
        assertThat(windows.advance(60 * MS).startNs()).isEqualTo(50 * MS);
        // A stall longer than a window skips it whole.
        assertThat(windows.advance(260 * MS)).isSameAs(windows.measured());
        assertThat(windows.measured().startNs()).isEqualTo(250 * MS);
        assertThat(windows.nextStartNs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void onlyTheRehearsalsShareTheirRecordingsAndOnlyTheMeasuredWindowKeepsItsOwn() {
        Windows windows = new Windows(0, 200 * MS, 1_200 * MS, 100 * MS);
        Windows.Window first = windows.current();
        Windows.Window second = windows.advance(100 * MS);

        assertThat(second.recorder()).isSameAs(first.recorder()).isSameAs(windows.rehearsalRecorder());
        assertThat(windows.measured().recorder()).isNotSameAs(windows.rehearsalRecorder());
        assertThat(second.tally()).isNotSameAs(first.tally());
    }

    @Test
    void pollingYieldsInTheWarmUpOnlyAsAValueNotABranch() {
        Windows windows = new Windows(0, 200 * MS, 1_200 * MS, 100 * MS);

        assertThat(windows.current().pollsPerYield()).isEqualTo(WarmupPolicy.WARMUP_POLLS_PER_YIELD);
        assertThat(windows.measured().pollsPerYield()).isEqualTo(Long.MAX_VALUE);
    }
}
