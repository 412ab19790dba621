package dev.sockbench.loadgen.pacing;

/**
 * The generator's share of how late each request of one connection left: the time the request
 * spent waiting while its connection could have sent but the generator did not (its thread
 * descheduled, paused by GC, or busy elsewhere). Time the connection was full, waiting for the
 * server's echoes, and the deliberate catch-up spacing after a backlog are not the generator
 * falling behind, and are not counted.
 *
 * <p>A request's send delay (sent − intended) is its lag plus the time it was <em>blocked</em>: its
 * connection was full, waiting for the server's echoes. The worker reports both.
 *
 * <p>Each send was due at a moment (its intended time, or later when the connection got room
 * again or the catch-up spacing allowed it) and left at another; in between, the generator held
 * the connection. A request's lag is the total of those held intervals from its intended time to
 * its own send. So when the generator stalls for 200 ms at 1,000 requests/s, each of the 200
 * requests due during the stall is charged its own share of it (200 ms down to ~0), just as each
 * carries it in its corrected latency; when the server stalls instead, the connection is full,
 * nothing is held, and the lag stays near zero.
 *
 * <pre>{@code
 * long intendedNs = pacer.take(sentNs);
 * long lagNs = lag.onSend(intendedNs, dueNs, sentNs);
 * }</pre>
 *
 * Held intervals older than the oldest request still to be sent are dropped, so the history is as
 * long as the backlog (it grows only in a backlog, and is reused after). Not thread-safe: one per
 * connection.
 */
public final class ScheduleLag {
    private long[] startNs = new long[4];
    private long[] endNs = new long[4];
    private int head;
    private int size;
    private long heldNs;

    /**
     * A request intended at {@code intendedNs}, due (allowed to leave) at {@code dueNs}, left at
     * {@code sentNs}. Calls come in sending order, with non-decreasing intended times.
     *
     * @return the generator's share of its lateness, ns; {@code sentNs - intendedNs} minus this is the time it was blocked
     */
    public long onSend(long intendedNs, long dueNs, long sentNs) {
        // Held intervals that ended before this request was even intended cannot concern it, nor
        // any later request (intended later still).
        while (size > 0 && endNs[head] <= intendedNs) {
            heldNs -= endNs[head] - startNs[head];
            head = (head + 1) % startNs.length;
            size--;
        }
        if (sentNs > dueNs) {
            append(dueNs, sentNs);
        }
        if (size == 0) {
            return 0;
        }
        // Every interval kept ends after intendedNs; only the oldest may start before it.
        return heldNs - Math.max(0, intendedNs - startNs[head]);
    }

    /**
     * The generator was stalled from {@code fromNs} to {@code toNs} (its thread not running: seen
     * as a gap in its loop) while this connection was full: the echo that would have freed it may
     * have waited unread, so the stall is the generator's, charged to every request due during it
     * like a send the generator held. Call only while the connection is full (a due send's own
     * holding is counted by {@link #onSend}); intervals must come in time order.
     */
    public void onStall(long fromNs, long toNs) {
        long lastEnd = size == 0 ? Long.MIN_VALUE : endNs[(head + size - 1) % endNs.length];
        long from = Math.max(fromNs, lastEnd);
        if (toNs > from) {
            append(from, toNs);
        }
    }

    private void append(long start, long end) {
        if (size == startNs.length) {
            long[] newStart = new long[size * 2];
            long[] newEnd = new long[size * 2];
            for (int i = 0; i < size; i++) {
                newStart[i] = startNs[(head + i) % size];
                newEnd[i] = endNs[(head + i) % size];
            }
            startNs = newStart;
            endNs = newEnd;
            head = 0;
        }
        int tail = (head + size) % startNs.length;
        startNs[tail] = start;
        endNs[tail] = end;
        size++;
        heldNs += end - start;
    }
}
