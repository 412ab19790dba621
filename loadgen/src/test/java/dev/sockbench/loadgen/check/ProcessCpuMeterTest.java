package dev.sockbench.loadgen.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.process.CpuSet;
import dev.sockbench.loadgen.engine.WorkerAffinity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steal time from {@code /proc/stat}: the column, the CPUs that count, and unknown as unknown. */
class ProcessCpuMeterTest {
    // user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 10 ms
    private static final List<String> PROC_STAT = List.of(
            "cpu  2744456 1788 749894 3231701 30290 0 88286 38197 0 0",
            "cpu0 1263343 704 425839 1673670 10375 0  52346 16354 0 0",
            "cpu1 1481113 1084 324055 1558031 19915 0 35940 21843 0 0",
            "intr 123 0 0",
            "ctxt 456");

    private static final List<String> CPU_LINES = PROC_STAT.subList(0, 3);

    @Test
    void onlyTheStealOfTheProcesssCpusCounts() {
        assertThat(ProcessCpuMeter.stealTicks(CPU_LINES, CpuSet.parse("0"))).isEqualTo(16_354);
        assertThat(ProcessCpuMeter.stealTicks(CPU_LINES, CpuSet.parse("1"))).isEqualTo(21_843);
        assertThat(ProcessCpuMeter.stealTicks(CPU_LINES, CpuSet.parse("0-1"))).isEqualTo(38_197);
        assertThatThrownBy(() -> ProcessCpuMeter.stealTicks(CPU_LINES, CpuSet.parse("0-3")))
                .hasMessageContaining("0-3");
    }

    @Test
    void readsTicksOfTenMillisecondsAndAnUnreadableFileIsUnknownNotZero(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        Files.write(stat, PROC_STAT);
        assertThat(new ProcessCpuMeter(stat, () -> CpuSet.parse("1")).stealNs()).isEqualTo(21_843 * 10_000_000L);
        assertThat(new ProcessCpuMeter(dir.resolve("gone"), () -> CpuSet.parse("1")).stealNs())
                .isEqualTo(CpuMeter.UNKNOWN);
        assertThat(new ProcessCpuMeter(stat, () -> null).stealNs()).isEqualTo(CpuMeter.UNKNOWN);
        Files.write(stat, List.of("cpu0 1 2 3 4")); // a kernel without the column
        assertThat(new ProcessCpuMeter(stat, () -> CpuSet.parse("0")).stealNs()).isEqualTo(CpuMeter.UNKNOWN);
    }

    @Test
    void theWorkersCpusCountWhenTheyArePinnedElseTheProcesss(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        Files.write(stat, PROC_STAT);
        ProcessCpuMeter meter = new ProcessCpuMeter(stat, ProcessCpuMeter.workersElse(CpuSet.parse("1")));
        try {
            assertThat(meter.stealNs()).isEqualTo(21_843 * 10_000_000L); // CPU 1: the process's
            WorkerAffinity.configure(CpuSet.parse("0")); // as --worker-cpus 0
            assertThat(meter.stealNs()).isEqualTo(16_354 * 10_000_000L); // CPU 0: the workers'
        } finally {
            WorkerAffinity.configure(new CpuSet(List.of()));
        }
    }
}
