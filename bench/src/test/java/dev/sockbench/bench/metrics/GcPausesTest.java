package dev.sockbench.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.process.JavaCommand;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.result.GcPauses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcPausesTest {

    @Test
    void sumsThePausesThatEndedInsideTheWindow() {
        List<String> log = List.of(
                "[1000ms] Using G1",
                "[1500ms] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 17M->4M(384M) 48.390ms",
                "[2000ms] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 16M->3M(384M) 4.627ms",
                "[2500ms] GC(2) Concurrent Mark Cycle 12.000ms",
                "[2600ms] GC(2) Pause Remark 20M->20M(384M) 1.250ms",
                "[3000ms] GC(3) Pause Full (System.gc()) 147M->2M(28M) 19.833ms");

        // 1500 is before the window; 3000 is its end, inclusive; the concurrent cycle is no pause.
        assertThat(GcPauses.parse(log, 1600, 3000)).isEqualTo(new GcPauses(3, 4_627 + 1_250 + 19_833, 19_833));
        assertThat(GcPauses.parse(log, 5000, 6000)).isEqualTo(new GcPauses(0, 0, 0));
    }

    @Test
    void readsTheLogOfARealJvm(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc: with colon.log");
        JavaCommand java = TestProcesses.java();
        Process p = new ProcessBuilder(
                        java.build(List.of(), List.of(GcPauses.jvmFlag(log)), GcOnce.class.getName(), List.of()))
                .inheritIO()
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        // A JVM that allocates next to nothing pauses once, for its System.gc() (a full collection
        // under G1 and Serial alike).
        GcPauses pauses = GcPauses.read(log, 0, Long.MAX_VALUE);
        assertThat(pauses.count()).as("pauses in%n%s", Files.readString(log)).isEqualTo(1);
        assertThat(pauses.maxUs()).isPositive().isEqualTo(pauses.totalUs());
        assertThat(GcPauses.read(log, 0, 1).count()).isZero();
    }

    /** A JVM that collects once and exits. */
    public static final class GcOnce {
        public static void main(String[] args) {
            System.gc();
        }
    }
}
