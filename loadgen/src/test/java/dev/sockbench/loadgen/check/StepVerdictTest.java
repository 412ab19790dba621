package dev.sockbench.loadgen.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.loadgen.check.SelfCheckTest.Builder;
import dev.sockbench.loadgen.shape.Slo;
import org.junit.jupiter.api.Test;

/** A capacity step's verdict on numbers the test chooses: the lag judged against the objective. */
class StepVerdictTest {
    static final Slo P99_1MS = Slo.parse("p99=1ms");

    @Test
    void aStepThatMetTheObjectiveIsGoodWhateverTheGeneratorsLag() {
        Builder b = SelfCheckTest.healthy();
        b.latencyNs = 500_000;
        b.lagNs = 400_000; // far over the self-check's bound (50 us): a plain open case would be invalid
        assertThat(SelfCheck.reasons(b.build(), 1_000.0)).isNotEmpty();

        StepVerdict verdict = StepVerdict.of(b.build(), 1_000, P99_1MS);
        assertThat(verdict.good()).isTrue();
        assertThat(verdict.generatorLimited()).isFalse();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void aStepMissedByLessThanTheLagIsBadAndTheGeneratorsDoing() {
        Builder b = SelfCheckTest.healthy();
        b.latencyNs = 1_200_000;
        b.lagNs = 400_000; // 1.2 ms - 0.4 ms = 0.8 ms: the server may have met 1 ms

        StepVerdict verdict = StepVerdict.of(b.build(), 1_000, P99_1MS);
        assertThat(verdict.good()).isFalse();
        assertThat(verdict.generatorLimited()).isTrue();
        assertThat(verdict.reasons())
                .singleElement()
                .asString()
                .startsWith("p99 1200")
                .contains("may be the generator's own send lag");
    }

    @Test
    void aStepMissedByMoreThanTheLagIsTheServers() {
        Builder b = SelfCheckTest.healthy();
        b.latencyNs = 3_000_000;
        b.lagNs = 5_000;

        StepVerdict verdict = StepVerdict.of(b.build(), 1_000, P99_1MS);
        assertThat(verdict.good()).isFalse();
        assertThat(verdict.generatorLimited()).isFalse();
        assertThat(verdict.reasons())
                .singleElement()
                .asString()
                .matches("p99 3000\\.\\d us exceeds the objective p99=1ms");
    }

    @Test
    void theRestOfTheSelfCheckStillAppliesAndAPercentileNeedsItsSamples() {
        Builder errors = SelfCheckTest.healthy();
        errors.errors = new ErrorCounts(0, 0, 0, 3, 0);
        StepVerdict withErrors = StepVerdict.of(errors.build(), 1_000, P99_1MS);
        assertThat(withErrors.good()).isFalse();
        assertThat(withErrors.reasons()).anyMatch(r -> r.startsWith("3 errors"));

        Builder few = SelfCheckTest.healthy();
        few.requests = 500;
        StepVerdict unmeasured = StepVerdict.of(few.build(), 500, P99_1MS);
        assertThat(unmeasured.good()).isFalse();
        assertThat(unmeasured.reasons())
                .containsExactly("p99 not measured: 500 requests, it needs 1000 (lengthen the step or raise the rate)");
    }
}
