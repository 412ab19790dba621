package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.proc.ProcessSample;
import dev.sockbench.bench.proc.ProcessSample.TaskSwitches;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchTallyTest {

    private static ProcessSample sample(Map<Long, TaskSwitches> tasks) {
        return new ProcessSample(1, 0, 0, tasks.size(), 0, tasks);
    }

    private static TaskSwitches sw(long voluntary, long involuntary) {
        return new TaskSwitches(voluntary, involuntary);
    }

    @Test
    void countsEachThreadFromTheFirstReading() {
        SwitchTally tally = new SwitchTally();
        tally.add(sample(Map.of(1L, sw(10, 1), 2L, sw(5, 5))));
        tally.add(sample(Map.of(1L, sw(15, 2), 2L, sw(25, 7))));

        assertThat(tally.total()).isEqualTo(sw(25, 3));
    }

    @Test
    void aThreadThatExitsKeepsWhatWasSeenOfItAndANewOneCountsInFull() {
        SwitchTally tally = new SwitchTally();
        tally.add(sample(Map.of(1L, sw(10, 0), 2L, sw(100, 100))));
        tally.add(sample(Map.of(1L, sw(10, 0), 2L, sw(400, 150), 3L, sw(4, 1)))); // 3 was born in the interval
        tally.add(sample(Map.of(1L, sw(11, 0), 3L, sw(6, 1)))); // 2 has exited

        assertThat(tally.total()).isEqualTo(sw(1 + 300 + 6, 50 + 1));
    }

    @Test
    void aReusedThreadIdBanksTheOldThreadAndCountsTheNewOneFromZero() {
        SwitchTally tally = new SwitchTally();
        tally.add(sample(Map.of(9L, sw(500, 50))));
        tally.add(sample(Map.of(9L, sw(700, 60))));
        tally.add(sample(Map.of(9L, sw(3, 1)))); // a new thread with the old id

        assertThat(tally.total()).isEqualTo(sw(200 + 3, 10 + 1));
    }
}
