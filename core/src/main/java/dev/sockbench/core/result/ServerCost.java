package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What serving a case cost the server process over the measured interval (warm-up excluded), block
 * {@code server} of {@code summary.json}. How each figure is obtained:
 *
 * <ul>
 *   <li>CPU time and context switches: the server's own {@code getrusage(RUSAGE_SELF)} (see
 *       {@link dev.sockbench.core.os.ResourceUsage}), which it prints when asked on stdin; the
 *       suite runner asks at the start and at the end of the measured interval and subtracts. The
 *       figures cover <em>all</em> the process's threads, those that exited inside the interval
 *       included, and CPU time has microsecond resolution. When the server did not answer, these
 *       six figures are left out (null) and the rest of the block stands.
 *   <li>Per request: divided by the requests completed over the whole measured interval, which
 *       the readings span; for a {@code sweep} that is the sum of its steps' {@code requests}
 *       (the summary's {@code load.requests} are the capacity step's only). The readings of
 *       a sweep span from its first step's measured interval to the end of its last, so they also
 *       hold the later steps' connection set-up and warm-ups, whose requests are not counted: a
 *       sweep's per-request figures are an upper bound.
 *   <li>Threads and RSS: the peaks of {@code Threads:} and {@code VmRSS:} in {@code
 *       /proc/<pid>/status}, read at the interval's start, every 100 ms while it lasts and at its
 *       end (at its very end a thread-per-connection server is already shedding its connection
 *       threads and their stacks).
 *   <li>GC pauses: the server JVM's own GC log, the pauses that ended inside the interval.
 *   <li>Pinned virtual threads: the server's own JFR recording of {@code jdk.VirtualThreadPinned}
 *       (models on virtual threads only), the events that ended inside the interval.
 * </ul>
 *
 * The kernel's drop counters, in this block in format 1, are a block of their own ({@link
 * KernelCounters}): they are machine-wide, not the server's.
 *
 * @param cpuUserUs user CPU time, µs; null when not measured
 * @param cpuSysUs system CPU time, µs; null when not measured
 * @param cpuUsPerRequest (user + sys) / requests, µs; 0 when no request completed; null when not
 *     measured
 * @param voluntaryCtxSwitches context switches because a thread blocked, all the process's threads;
 *     null when not measured
 * @param involuntaryCtxSwitches context switches because a thread was preempted, all the process's
 *     threads; null when not measured
 * @param ctxSwitchesPerRequest (voluntary + involuntary) / requests; null when not measured or
 *     when no request completed
 * @param threads the most threads the process had during the interval
 * @param rssBytes the largest resident set size during the interval
 * @param rssBytesPerConnection RSS growth of that peak over the idle server (before any load),
 *     per connection of the case; null when the case held no connection
 * @param gcPauses stop-the-world GC pauses that ended inside the interval; null when not known
 * @param gcPauseUs their total duration, µs; null when not known
 * @param gcPauseMaxUs the longest of them, µs; null when not known
 * @param virtualThreadsPinned times a virtual thread blocked while pinned to its carrier thread
 *     inside the interval (JFR {@code jdk.VirtualThreadPinned}, every one): a pinned virtual
 *     thread holds its carrier, so the others wait; null for models without virtual threads and
 *     when not recorded
 * @param acceptFailures connections the server failed to accept since it started, warm-up and
 *     connection set-up included (e.g. its open-file limit reached: raise it with {@code ulimit
 *     -n}); each pauses its accepting for a second. Null when the server did not answer
 * @param malformedRequests connections the server closed since it started on a request that did
 *     not decode ({@code --handler json|protobuf}); the generator sends none, so more than 0 says
 *     the two disagree on the message. Null when the server did not answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerCost(
        Long cpuUserUs,
        Long cpuSysUs,
        Double cpuUsPerRequest,
        Long voluntaryCtxSwitches,
        Long involuntaryCtxSwitches,
        Double ctxSwitchesPerRequest,
        int threads,
        long rssBytes,
        Double rssBytesPerConnection,
        Long gcPauses,
        Long gcPauseUs,
        Long gcPauseMaxUs,
        Long virtualThreadsPinned,
        Long acceptFailures,
        Long malformedRequests) {

    /** The process figures only; GC pauses and the server's counts unknown. */
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
                null,
                null,
                null);
    }
}
