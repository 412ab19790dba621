package dev.sockbench.bench.proc;

import java.util.Map;

/**
 * One reading of a process's counters from {@code /proc}. Two readings taken at the start and
 * end of an interval give what the process spent in it ({@link #cpuTicksSince}, {@link
 * #ctxSwitchesSince}).
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
     * Context switches of the process's threads between {@code start} and this reading. A thread
     * born after {@code start} counts in full; a thread that died before this reading is missing
     * (the kernel keeps no per-thread count for it), so the result can under-count, never go
     * negative.
     */
    public TaskSwitches ctxSwitchesSince(ProcessSample start) {
        long voluntary = 0;
        long involuntary = 0;
        for (var e : tasks.entrySet()) {
            TaskSwitches before = start.tasks.getOrDefault(e.getKey(), TaskSwitches.ZERO);
            TaskSwitches now = e.getValue();
            // A thread id reused by a new thread would show a smaller count: count it as new.
            if (now.voluntary() < before.voluntary() || now.involuntary() < before.involuntary()) {
                before = TaskSwitches.ZERO;
            }
            voluntary += now.voluntary() - before.voluntary();
            involuntary += now.involuntary() - before.involuntary();
        }
        return new TaskSwitches(voluntary, involuntary);
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
