package dev.sockbench.bench.proc;

import java.util.Map;

/**
 * One reading of a process's counters from {@code /proc}.
 *
 * @param pid the process
 * @param userTicks user CPU time of all its threads, dead ones included, in clock ticks
 * @param sysTicks system CPU time, in clock ticks
 * @param threads threads alive at the reading
 * @param rssBytes resident set size
 * @param tasks context switches of each thread alive at the reading, by thread id
 */
public record ProcessSample(
        long pid, long userTicks, long sysTicks, int threads, long rssBytes, Map<Long, TaskSwitches> tasks) {

    public ProcessSample {
        tasks = Map.copyOf(tasks);
    }

    /**
     * Context switch counts of one thread.
     *
     * @param voluntary the thread gave up the CPU (blocked, waited)
     * @param involuntary the scheduler took the CPU away (preempted)
     */
    public record TaskSwitches(long voluntary, long involuntary) {
        public static final TaskSwitches ZERO = new TaskSwitches(0, 0);

        public long total() {
            return voluntary + involuntary;
        }
    }
}
