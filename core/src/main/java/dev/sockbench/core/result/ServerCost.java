package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What serving a case cost the server process, read from {@code /proc} before and after the
 * measured interval (warm-up excluded), plus the kernel's drop counters around the case.
 *
 * <p>CPU times come from {@code /proc/<pid>/stat} in clock ticks (10 ms on usual kernels), so a
 * short case has a coarse CPU figure. Context switches are summed over the process's threads
 * ({@code /proc/<pid>/task/*&#47;status}), read every so often during the interval because the
 * kernel forgets an exited thread's count: a thread that exits loses at most its last period, so
 * the sum can under-count slightly but never over-count. Threads and RSS are the peaks seen
 * during the interval (at its very end a thread-per-connection server is already shedding its
 * connection threads and their stacks).
 *
 * @param cpuUserUs user CPU time, µs
 * @param cpuSysUs system CPU time, µs
 * @param cpuUsPerRequest (user + sys) / requests, µs; 0 when no request completed
 * @param voluntaryCtxSwitches voluntary context switches of all the process's threads
 * @param involuntaryCtxSwitches involuntary context switches of all the process's threads
 * @param ctxSwitchesPerRequest (voluntary + involuntary) / requests; 0 when no request completed
 * @param threads the most threads the process had during the interval
 * @param rssBytes the largest resident set size during the interval
 * @param rssBytesPerConnection RSS growth of that peak over the idle server (before any load),
 *     per connection of the case
 * @param gcPauses stop-the-world GC pauses that ended inside the interval; null when not known
 * @param gcPauseUs their total duration, µs; null when not known
 * @param gcPauseMaxUs the longest of them, µs; null when not known
 * @param kernel the kernel's drop counters over the whole case; null when not read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerCost(
        long cpuUserUs,
        long cpuSysUs,
        double cpuUsPerRequest,
        long voluntaryCtxSwitches,
        long involuntaryCtxSwitches,
        double ctxSwitchesPerRequest,
        int threads,
        long rssBytes,
        double rssBytesPerConnection,
        Long gcPauses,
        Long gcPauseUs,
        Long gcPauseMaxUs,
        KernelCounters kernel) {

    /** The process figures only; GC and kernel counters unknown. */
    public ServerCost(
            long cpuUserUs,
            long cpuSysUs,
            double cpuUsPerRequest,
            long voluntaryCtxSwitches,
            long involuntaryCtxSwitches,
            double ctxSwitchesPerRequest,
            int threads,
            long rssBytes,
            double rssBytesPerConnection) {
        this(
                cpuUserUs,
                cpuSysUs,
                cpuUsPerRequest,
                voluntaryCtxSwitches,
                involuntaryCtxSwitches,
                ctxSwitchesPerRequest,
                threads,
                rssBytes,
                rssBytesPerConnection,
                null,
                null,
                null,
                null);
    }
}
