package dev.sockbench.report.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.core.result.SweepResult.SweepStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static SweepStep step(double ratePerSec, boolean good) {
        Percentiles p = new Percentiles(20.0, 30.0, 100.0, null, 200.0, 25.0);
        return new SweepStep(ratePerSec, ratePerSec, 1_000, 0, new LatencyUs(p, p), good, List.of(), false);
    }

    @Test
    void aCapacityReadsAsTheSearchFoundIt() {
        SweepStep held = step(40_000, true);
        SweepStep broke = step(60_000, false);
        assertThat(Formats.capacity(
                        new SweepResult("p99=1ms", 99, 1_000, 40_000.0, List.of(held, broke), 80_000.0, false),
                        Formats::rate))
                .isEqualTo("40,000");
        assertThat(Formats.capacity(
                        new SweepResult("p99=1ms", 99, 1_000, 40_000.0, List.of(held), 80_000.0, true), Formats::rate))
                .isEqualTo("≥ 40,000");
        assertThat(Formats.capacity(
                        new SweepResult("p99=1ms", 99, 1_000, null, List.of(broke), 80_000.0, false), Formats::rate))
                .isEqualTo("< 60,000");
        assertThat(Formats.capacity(
                        new SweepResult("p99=1ms", 99, 1_000, null, List.of(), 80_000.0, false), Formats::rate))
                .isEqualTo("none");
    }
}
