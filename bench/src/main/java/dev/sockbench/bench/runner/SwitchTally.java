package dev.sockbench.bench.runner;

import dev.sockbench.bench.proc.ProcessSample;
import dev.sockbench.bench.proc.ProcessSample.TaskSwitches;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds up the context switches of a process's threads over an interval from a series of
 * readings. The kernel keeps these counts per thread and forgets them when the thread exits, so
 * a reading at the end alone would lose every thread that ended first (a thread-per-connection
 * server loses its connection threads as the load generator hangs up). Reading every so often
 * and keeping each thread's last count loses at most one period of an exiting thread.
 *
 * <p>A thread seen in the first reading counts from there; a thread first seen later was born
 * inside the interval and counts in full. A thread id that shows a smaller count than before was
 * reused by a new thread: the old one's share is kept and the new one counts from zero. Not
 * thread-safe.
 */
final class SwitchTally {
    private final Map<Long, TaskSwitches> first = new HashMap<>();
    private final Map<Long, TaskSwitches> last = new HashMap<>();
    private long bankedVoluntary;
    private long bankedInvoluntary;
    private boolean started;

    /** Adds a reading; the first one is the interval's start. */
    void add(ProcessSample sample) {
        for (var e : sample.tasks().entrySet()) {
            long tid = e.getKey();
            TaskSwitches now = e.getValue();
            TaskSwitches before = last.get(tid);
            if (before != null && (now.voluntary() < before.voluntary() || now.involuntary() < before.involuntary())) {
                TaskSwitches from = first.get(tid);
                bankedVoluntary += before.voluntary() - from.voluntary();
                bankedInvoluntary += before.involuntary() - from.involuntary();
                first.put(tid, TaskSwitches.ZERO);
            } else if (before == null) {
                first.put(tid, started ? TaskSwitches.ZERO : now);
            }
            last.put(tid, now);
        }
        started = true;
    }

    /** The switches counted so far. */
    TaskSwitches total() {
        long voluntary = bankedVoluntary;
        long involuntary = bankedInvoluntary;
        for (var e : last.entrySet()) {
            TaskSwitches from = first.get(e.getKey());
            voluntary += e.getValue().voluntary() - from.voluntary();
            involuntary += e.getValue().involuntary() - from.involuntary();
        }
        return new TaskSwitches(voluntary, involuntary);
    }
}
