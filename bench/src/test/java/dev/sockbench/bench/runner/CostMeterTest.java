package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.proc.GcPauses;
import dev.sockbench.bench.proc.ProcessSample;
import dev.sockbench.bench.proc.ProcessSample.TaskSwitches;
import dev.sockbench.core.result.KernelCounters;
import dev.sockbench.core.result.ServerCost;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostMeterTest {
    private static final long MB = 1024 * 1024;

    @Test
    void costOfTheIntervalPerRequestAndPerConnection() {
        ProcessSample idle = new ProcessSample(1, 5, 5, 10, 40 * MB, Map.of(1L, new TaskSwitches(1, 1)));
        ProcessSample start = new ProcessSample(1, 100, 50, 14, 44 * MB, Map.of());
        ProcessSample end = new ProcessSample(1, 300, 150, 10, 46 * MB, Map.of());
        // The peaks and switches come from the readings in between (see SwitchTally).
        ServerSampler.Interval interval =
                new ServerSampler.Interval(start, end, new TaskSwitches(2000, 100), 14, 48 * MB, 1_000, 2_500);
        GcPauses gc = new GcPauses(2, 3_000, 2_000);
        KernelCounters kernel = new KernelCounters(0, 0, 1, 1);

        // 100 ticks per second: one tick is 10,000 µs.
        ServerCost cost = CostMeter.cost(idle, interval, 10_000, 4, ticks -> ticks * 10_000, gc, kernel);

        assertThat(cost.cpuUserUs()).isEqualTo(200 * 10_000L);
        assertThat(cost.cpuSysUs()).isEqualTo(100 * 10_000L);
        assertThat(cost.cpuUsPerRequest()).isEqualTo(300.0); // 3,000,000 µs / 10,000 requests
        assertThat(cost.voluntaryCtxSwitches()).isEqualTo(2000);
        assertThat(cost.involuntaryCtxSwitches()).isEqualTo(100);
        assertThat(cost.ctxSwitchesPerRequest()).isEqualTo(0.21);
        assertThat(cost.threads()).isEqualTo(14);
        assertThat(cost.rssBytes()).isEqualTo(48 * MB);
        assertThat(cost.rssBytesPerConnection()).isEqualTo(2.0 * MB); // peak growth over idle, 8 MB / 4
        assertThat(cost.gcPauses()).isEqualTo(2);
        assertThat(cost.gcPauseUs()).isEqualTo(3_000);
        assertThat(cost.gcPauseMaxUs()).isEqualTo(2_000);
        assertThat(cost.kernel()).isEqualTo(kernel);
    }

    @Test
    void noRequestsGivesZeroPerRequestRatherThanInfinity() {
        ProcessSample s = new ProcessSample(1, 1, 1, 1, MB, Map.of());
        ServerSampler.Interval interval = new ServerSampler.Interval(s, s, TaskSwitches.ZERO, 1, MB, 0, 0);
        ServerCost cost = CostMeter.cost(s, interval, 0, 0, ticks -> ticks, null, null);

        assertThat(cost.cpuUsPerRequest()).isZero();
        assertThat(cost.ctxSwitchesPerRequest()).isZero();
        assertThat(cost.rssBytesPerConnection()).isZero();
        assertThat(cost.gcPauses()).isNull();
        assertThat(cost.kernel()).isNull();
    }
}
