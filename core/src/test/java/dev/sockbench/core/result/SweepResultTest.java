package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.SweepResult.SweepStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepResultTest {

    private static SweepStep step(double ratePerSec, boolean good) {
        Percentiles p = new Percentiles(20.0, 30.0, 100.0, null, 200.0, 25.0);
        LatencyUs latency = new LatencyUs(p, p);
        return new SweepStep(ratePerSec, ratePerSec, 1_000, 0, latency, good, good ? List.of() : List.of("bad"), false);
    }

    private static SweepStep generatorsBadStep(double ratePerSec) {
        Percentiles p = new Percentiles(20.0, 30.0, 3_000.0, null, 4_000.0, 25.0);
        return new SweepStep(ratePerSec, ratePerSec, 1_000, 0, new LatencyUs(p, p), false, List.of("send lag"), true);
    }

    private static SweepResult capacity(Double capacityPerSec, boolean ceilingIsGenerators, SweepStep... steps) {
        return new SweepResult("p99=1ms", 99.0, 1_000.0, capacityPerSec, List.of(steps), 80_000.0, ceilingIsGenerators);
    }

    @Test
    void aCapacityIsALowerBoundWhenTheGeneratorSetTheCeilingAndNoStepAboveItFailed() {
        // every step below the generator's ceiling held: the server may carry more
        assertThat(capacity(70_000.0, true, step(40_000, true), step(60_000, true), step(70_000, true))
                        .capacityIsLowerBound())
                .isTrue();
        // a step above the capacity failed: the capacity is bracketed, whoever set the ceiling
        assertThat(capacity(40_000.0, true, step(40_000, true), step(60_000, false), step(50_000, false))
                        .capacityIsLowerBound())
                .isFalse();
        // the server's own ceiling: an ordinary capacity
        assertThat(capacity(70_000.0, false, step(40_000, true), step(60_000, true), step(70_000, true))
                        .capacityIsLowerBound())
                .isFalse();
        // the step bracketing it from above failed because the generator fell behind
        assertThat(capacity(50_000.0, false, step(40_000, true), generatorsBadStep(60_000), step(50_000, true))
                        .capacityIsLowerBound())
                .isTrue();
        // the lowest failed step above is the server's: bracketed, even with the generator's higher up
        assertThat(capacity(40_000.0, true, step(40_000, true), generatorsBadStep(60_000), step(50_000, false))
                        .capacityIsLowerBound())
                .isFalse();
        // no capacity at all: nothing to bound
        assertThat(capacity(null, true, step(40_000, false)).capacityIsLowerBound())
                .isFalse();
    }

    @Test
    void theGeneratorsCeilingIsWrittenOnlyWhenTrueAndReadBack() throws Exception {
        var mapper = ResultFiles.mapper();
        SweepResult servers = capacity(70_000.0, false, step(70_000, true));
        SweepResult generators = capacity(70_000.0, true, step(70_000, true));

        assertThat(mapper.writeValueAsString(servers)).doesNotContain("ceilingIsGenerators");
        String json = mapper.writeValueAsString(generators);
        assertThat(json.replace(" ", "")).contains("\"ceilingIsGenerators\":true");
        assertThat(mapper.readValue(json, SweepResult.class).capacityIsLowerBound())
                .isTrue();
        assertThat(mapper.readValue(mapper.writeValueAsString(servers), SweepResult.class)
                        .ceilingIsGenerators())
                .isFalse();
    }
}
