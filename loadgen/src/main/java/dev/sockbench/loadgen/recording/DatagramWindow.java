package dev.sockbench.loadgen.recording;

/**
 * The requests of one datagram socket, by sequence number, and the accounting of their echoes.
 * Datagrams may be lost, duplicated or reordered; each echo is matched by its sequence number and
 * classified exactly once:
 *
 * <ul>
 *   <li>the first echo of a pending request: <b>received</b> (a latency sample), and
 *       <b>reordered</b> too when a later request's echo came first;
 *   <li>another echo of a received request: <b>duplicated</b>;
 *   <li>an echo of a request already counted <b>lost</b> (no echo within the timeout): <b>late</b>;
 *       so is an echo older than the window, whose request can no longer be told apart;
 *   <li>a sequence number never sent: not an echo of ours, the caller counts a verify error.
 * </ul>
 *
 * Counts go to a {@link Tally} when the request is measured (its intended time lies in the
 * measured interval), so for measured requests {@code sent = received + lost} once every request
 * is resolved. A lost measured request enters the corrected latency at its timeout. A fixed ring sized at construction: no allocation per request.
 *
 * <pre>{@code
 * long seq = window.open(intendedNs);   // encode seq into the datagram
 * window.markSent(seq, sentNs);         // after the send call took it
 * switch (window.onEcho(seqFromEcho, nowNs, timeoutNs, tally, recorder)) { case RECEIVED -> record(...) }
 * window.expire(nowNs, timeoutNs, tally, recorder);   // pending requests older than the timeout are lost
 * }</pre>
 *
 * Not thread-safe: owned by one connection.
 */
public final class DatagramWindow {
    /** {@link #onEcho} outcomes. */
    public static final int RECEIVED = 0;

    public static final int DUPLICATED = 1;
    public static final int LATE = 2;
    public static final int UNKNOWN = 3;
    /** A pending request's echo came at or after its timeout, before the timeout was noticed. */
    public static final int EXPIRED_ON_ARRIVAL = 4;

    private static final byte FREE = 0;
    private static final byte PENDING = 1;
    private static final byte ANSWERED = 2;
    private static final byte LOST = 3;
    private static final long NOT_SENT = Long.MAX_VALUE;

    private final int maxInFlight;
    private final int mask;
    private final long[] sequenceAt;
    private final long[] intendedNs;
    private final long[] sentNs;
    private final byte[] state;

    private long nextSequence;
    private long oldestOpen;
    private long highestReceived = -1;
    private int inFlight;

    /** @param maxInFlight the most requests pending at once ({@code --depth}) */
    public DatagramWindow(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1");
        }
        this.maxInFlight = maxInFlight;
        // Room for four windows of history, so a duplicate or late echo is still recognised
        // after its slot's request was resolved.
        int capacity = Integer.highestOneBit(Math.max(64, maxInFlight) * 4 - 1) << 1;
        this.mask = capacity - 1;
        this.sequenceAt = new long[capacity];
        this.intendedNs = new long[capacity];
        this.sentNs = new long[capacity];
        this.state = new byte[capacity];
        java.util.Arrays.fill(sequenceAt, -1);
    }

    /** Requests pending (sent or about to be, no echo yet, not yet lost). */
    public int inFlight() {
        return inFlight;
    }

    /** True when another request may be opened now. */
    public boolean hasRoom() {
        return inFlight < maxInFlight && state[(int) (nextSequence & mask)] != PENDING;
    }

    /** Opens the next request; returns its sequence number. Call {@link #markSent} once it left. */
    public long open(long intended) {
        if (!hasRoom()) {
            throw new IllegalStateException("window full");
        }
        long seq = nextSequence++;
        int slot = (int) (seq & mask);
        sequenceAt[slot] = seq;
        intendedNs[slot] = intended;
        sentNs[slot] = NOT_SENT;
        state[slot] = PENDING;
        inFlight++;
        return seq;
    }

    /** The request left at {@code sent}; its timeout runs from here. */
    public void markSent(long seq, long sent, Tally tally) {
        int slot = (int) (seq & mask);
        sentNs[slot] = sent;
        if (tally.measured(intendedNs[slot])) {
            tally.datagramsSent++;
        }
    }

    /**
     * Classifies an echo carrying {@code seq}, received at {@code nowNs}, and counts it. An echo of
     * a pending request that comes {@code timeoutNs} or more after it left is not a latency sample:
     * the request is lost (no echo within the timeout) and the echo late, exactly as if the timeout
     * had been noticed first.
     *
     * @return {@link #RECEIVED} (read the request's times with {@link #intendedNs(long)} and {@link
     *     #sentNs(long)}), {@link #EXPIRED_ON_ARRIVAL} (its room is freed), {@link #DUPLICATED},
     *     {@link #LATE} or {@link #UNKNOWN}
     */
    public int onEcho(long seq, long nowNs, long timeoutNs, Tally tally, LatencyRecorder recorder) {
        if (seq < 0 || seq >= nextSequence) {
            return UNKNOWN;
        }
        int slot = (int) (seq & mask);
        if (sequenceAt[slot] != seq) {
            // Older than the ring: its request was resolved long ago (answered or lost), and
            // whether it was measured is no longer known; it is counted, being rare and real.
            tally.datagramsLate++;
            return LATE;
        }
        boolean measured = tally.measured(intendedNs[slot]);
        switch (state[slot]) {
            case PENDING -> {
                if (sentNs[slot] != NOT_SENT && nowNs - sentNs[slot] >= timeoutNs) {
                    inFlight--;
                    if (measured) {
                        tally.datagramsLate++;
                    }
                    countLost(slot, measured, timeoutNs, tally, recorder);
                    return EXPIRED_ON_ARRIVAL;
                }
                state[slot] = ANSWERED;
                inFlight--;
                if (measured) {
                    tally.datagramsReceived++;
                    tally.requestsAnswered++;
                    if (seq < highestReceived) {
                        tally.datagramsReordered++;
                    }
                }
                highestReceived = Math.max(highestReceived, seq);
                return RECEIVED;
            }
            case ANSWERED -> {
                if (measured) {
                    tally.datagramsDuplicated++;
                }
                return DUPLICATED;
            }
            default -> {
                if (measured) {
                    tally.datagramsLate++;
                }
                return LATE;
            }
        }
    }

    public long intendedNs(long seq) {
        return intendedNs[(int) (seq & mask)];
    }

    public long sentNs(long seq) {
        return sentNs[(int) (seq & mask)];
    }

    /**
     * Counts as lost every pending request that left {@code timeoutNs} or more before {@code
     * nowNs}. Requests leave in sequence order, so the scan stops at the first one still in time.
     *
     * @return how many were counted lost
     */
    public int expire(long nowNs, long timeoutNs, Tally tally, LatencyRecorder recorder) {
        int expired = 0;
        while (oldestOpen < nextSequence) {
            int slot = (int) (oldestOpen & mask);
            if (state[slot] == PENDING) {
                if (sentNs[slot] == NOT_SENT || nowNs - sentNs[slot] < timeoutNs) {
                    break;
                }
                inFlight--;
                expired++;
                countLost(slot, tally.measured(intendedNs[slot]), timeoutNs, tally, recorder);
            }
            oldestOpen++;
        }
        return expired;
    }

    /**
     * A pending request is lost: counted, and (when measured) entered in the corrected latency at
     * its timeout, which it was at least that late.
     */
    private void countLost(int slot, boolean measured, long timeoutNs, Tally tally, LatencyRecorder recorder) {
        state[slot] = LOST;
        if (measured) {
            tally.datagramsLost++;
            recorder.recordGivenUp(intendedNs[slot], sentNs[slot] + timeoutNs);
        }
    }

    /**
     * The run is over: every pending request that was sent is counted lost (entered in the
     * corrected latency at its timeout); one opened but never taken by the socket is counted unsent.
     * Returns how many were lost.
     */
    public int expireAll(long timeoutNs, Tally tally, LatencyRecorder recorder) {
        int lost = 0;
        for (; oldestOpen < nextSequence; oldestOpen++) {
            int slot = (int) (oldestOpen & mask);
            if (state[slot] != PENDING) {
                continue;
            }
            inFlight--;
            if (sentNs[slot] == NOT_SENT) {
                state[slot] = FREE;
                if (tally.measured(intendedNs[slot])) {
                    tally.requestsUnsent++;
                }
                continue;
            }
            lost++;
            countLost(slot, tally.measured(intendedNs[slot]), timeoutNs, tally, recorder);
        }
        return lost;
    }
}
