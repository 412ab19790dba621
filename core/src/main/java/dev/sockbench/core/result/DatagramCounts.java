package dev.sockbench.core.result;

/**
 * Accounting of the requests of a datagram case (UDP or Unix datagram), block {@code udp} of
 * {@code summary.json}. Every request carries a sequence number; its echo is matched by it.
 * Only requests whose intended send time lies in the measured interval are counted. Lost, late
 * and duplicated echoes are counted here and never folded into the latency histograms.
 *
 * @param sent requests sent
 * @param received requests whose first echo came back, verified, within the timeout; each is one
 *     latency sample
 * @param lost requests with no echo within the timeout ({@code --timeout})
 * @param late echoes that arrived after their request had been counted lost
 * @param duplicated extra copies of an echo already received
 * @param reordered echoes that arrived after the echo of a later request (counted within {@code
 *     received})
 */
public record DatagramCounts(long sent, long received, long lost, long late, long duplicated, long reordered) {
    public static final DatagramCounts NONE = new DatagramCounts(0, 0, 0, 0, 0, 0);

    public DatagramCounts plus(DatagramCounts other) {
        return new DatagramCounts(
                sent + other.sent,
                received + other.received,
                lost + other.lost,
                late + other.late,
                duplicated + other.duplicated,
                reordered + other.reordered);
    }
}
