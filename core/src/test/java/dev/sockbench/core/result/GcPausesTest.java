package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcPausesTest {

    @Test
    void everyPauseWithItsEndAndLength() {
        List<String> log = List.of(
                "[1000ms] Using G1",
                "[1500ms] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 17M->4M(384M) 48.390ms",
                "[2500ms] GC(2) Concurrent Mark Cycle 12.000ms",
                "[2600ms] GC(2) Pause Remark 20M->20M(384M) 1.250ms");

        assertThat(GcPauses.pauses(log))
                .containsExactly(new GcPauses.Pause(1500, 48_390), new GcPauses.Pause(2600, 1_250));
    }
}
