package dev.sockbench.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.proc.ProcessSample.TaskSwitches;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSampleTest {

    private static ProcessSample sample(Map<Long, TaskSwitches> tasks) {
        return new ProcessSample(1, 0, 0, tasks.size(), 0, tasks);
    }

    @Test
    void addsEachThreadsIncrease() {
        ProcessSample start = sample(Map.of(1L, new TaskSwitches(10, 1), 2L, new TaskSwitches(5, 5)));
        ProcessSample end = sample(Map.of(1L, new TaskSwitches(15, 2), 2L, new TaskSwitches(25, 7)));

        assertThat(end.ctxSwitchesSince(start)).isEqualTo(new TaskSwitches(25, 3));
    }

    @Test
    void aThreadBornInTheIntervalCountsInFullAndADeadOneIsMissing() {
        ProcessSample start = sample(Map.of(1L, new TaskSwitches(10, 0), 2L, new TaskSwitches(100, 100)));
        ProcessSample end = sample(Map.of(1L, new TaskSwitches(11, 0), 3L, new TaskSwitches(4, 1)));

        assertThat(end.ctxSwitchesSince(start)).isEqualTo(new TaskSwitches(5, 1));
    }

    @Test
    void aReusedThreadIdCountsAsANewThreadNotANegativeOne() {
        ProcessSample start = sample(Map.of(9L, new TaskSwitches(500, 50)));
        ProcessSample end = sample(Map.of(9L, new TaskSwitches(3, 1)));

        assertThat(end.ctxSwitchesSince(start)).isEqualTo(new TaskSwitches(3, 1));
    }
}
