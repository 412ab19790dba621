package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The load generator's check on itself over the measured interval: was it able to keep its
 * schedule, and what did it cost. Block {@code generator} of {@code summary.json}.
 *
 * @param threads worker threads that drove the load
 * @param cpuUs CPU time (user + system) of the whole generator process over the measured
 *     interval, µs
 * @param cpuUsPerRequest {@code cpuUs} per completed request, µs; comparable to the server's
 *     {@code cpuUsPerRequest}
 * @param busyPercent the busiest worker thread's share of the measured interval spent working
 *     (sending, reading, verifying, recording) rather than waiting for the network or for the next
 *     send; a thread near 100% could not have done more, so the generator, not the server, set the
 *     pace
 * @param sendLagUs how late requests left by the generator's fault, µs: for each request, the time
 *     between its intended send time and its send during which its connection could have sent
 *     but the generator did not (thread descheduled, GC, busy); never the time the connection
 *     waited for the server, nor the bounded catch-up spacing. Only for paced shapes, null
 *     otherwise
 * @param lagBoundUs the bound the lag's p99 must stay under for the case to be valid, µs; null
 *     when the shape is not paced. Every other published statistic of the lag has its own bound,
 *     the same rule applied to the corrected latency's value there
 * @param blockedUs how long requests waited for their connection to have room (its requests in
 *     flight not yet answered: the server's share of the send delay, which Hyperfoil calls
 *     "blocked"), µs; a request's send delay is its lag plus its blocked time. Only for paced
 *     shapes, null otherwise
 * @param stealUs steal time of the generator's CPUs over the measured interval, µs, to 10 ms a
 *     CPU ({@code /proc/stat}): a hypervisor ran other work while they had the generator's; a
 *     send lag that comes with it is the host's, not the generator's. Null when not known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratorCheck(
        int threads,
        Long cpuUs,
        Double cpuUsPerRequest,
        double busyPercent,
        Percentiles sendLagUs,
        Double lagBoundUs,
        Percentiles blockedUs,
        Long stealUs) {}
