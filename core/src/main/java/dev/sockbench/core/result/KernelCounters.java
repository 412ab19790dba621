package dev.sockbench.core.result;

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
 */
public record KernelCounters(long udpRcvbufErrors, long udpInErrors, long listenOverflows, long listenDrops) {

    /** The increase from {@code before} to this reading. */
    public KernelCounters minus(KernelCounters before) {
        return new KernelCounters(
                udpRcvbufErrors - before.udpRcvbufErrors,
                udpInErrors - before.udpInErrors,
                listenOverflows - before.listenOverflows,
                listenDrops - before.listenDrops);
    }
}
