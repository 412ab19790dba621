package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The kernel's drop counters, as the increase over one case (read before the load generator
 * starts and after it ends, so warm-up and connection set-up are included): block {@code kernel}
 * of {@code summary.json} ({@code server.kernel} in format 1). They are counted
 * for the whole network namespace, not per process: other traffic on the machine adds to them.
 *
 * @param udpRcvbufErrors UDP datagrams dropped because a socket's receive buffer was full
 *     ({@code Udp: RcvbufErrors} in {@code /proc/net/snmp})
 * @param udpInErrors UDP datagrams that could not be delivered, buffer drops included
 *     ({@code Udp: InErrors})
 * @param listenOverflows connection attempts dropped because a listen queue was full
 *     ({@code TcpExt: ListenOverflows} in {@code /proc/net/netstat})
 * @param listenDrops connection attempts dropped at a listening socket for any reason
 *     ({@code TcpExt: ListenDrops})
 *     <p>Each is null when this kernel does not offer the counter: unknown, never 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KernelCounters(Long udpRcvbufErrors, Long udpInErrors, Long listenOverflows, Long listenDrops) {

    /** The increase from {@code before} to this reading; a counter either reading lacks stays unknown (null). */
    public KernelCounters minus(KernelCounters before) {
        return new KernelCounters(
                difference(udpRcvbufErrors, before.udpRcvbufErrors),
                difference(udpInErrors, before.udpInErrors),
                difference(listenOverflows, before.listenOverflows),
                difference(listenDrops, before.listenDrops));
    }

    private static Long difference(Long after, Long before) {
        return after == null || before == null ? null : after - before;
    }
}
