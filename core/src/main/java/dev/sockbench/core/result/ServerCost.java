package dev.sockbench.core.result;

/**
 * What serving a case cost the server process, read from {@code /proc} before and after the
 * measured interval (warm-up excluded).
 *
 * @param cpuUserUs user CPU time, µs
 * @param cpuSysUs system CPU time, µs
 * @param cpuUsPerRequest (user + sys) / requests, µs
 * @param voluntaryCtxSwitches voluntary context switches of all the process's threads
 * @param involuntaryCtxSwitches involuntary context switches of all the process's threads
 * @param ctxSwitchesPerRequest (voluntary + involuntary) / requests
 * @param threads threads of the process at the end of the interval
 * @param rssBytes resident set size at the end of the interval
 * @param rssBytesPerConnection RSS growth over the idle server, per open connection
 */
public record ServerCost(
        long cpuUserUs,
        long cpuSysUs,
        double cpuUsPerRequest,
        long voluntaryCtxSwitches,
        long involuntaryCtxSwitches,
        double ctxSwitchesPerRequest,
        int threads,
        long rssBytes,
        double rssBytesPerConnection) {}
