package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What serving a case cost the server process, read from {@code /proc} before and after the
 * measured interval (warm-up excluded), plus the kernel's drop counters around the case.
 *
 * <p>CPU times come from {@code /proc/<pid>/stat} in clock ticks (10 ms on usual kernels), so a
 * short case has a coarse CPU figure. Context switches are summed over the process's threads
 * ({@code /proc/<pid>/task/*&#47;status}); a thread that exits inside the interval takes its
 * switches with it, so the sum can under-count but never over-count.
 *
 * @param cpuUserUs user CPU time, µs
 * @param cpuSysUs system CPU time, µs
 * @param cpuUsPerRequest (user + sys) / requests, µs; 0 when no request completed
 * @param voluntaryCtxSwitches voluntary context switches of all the process's threads
 * @param involuntaryCtxSwitches involuntary context switches of all the process's threads
 * @param ctxSwitchesPerRequest (voluntary + involuntary) / requests; 0 when no request completed
 * @param threads threads of the process at the end of the interval
 * @param rssBytes resident set size at the end of the interval
 * @param rssBytesPerConnection RSS growth over the idle server, per open connection
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
