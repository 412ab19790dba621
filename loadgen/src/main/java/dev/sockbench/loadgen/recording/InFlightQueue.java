package dev.sockbench.loadgen.recording;

/**
 * The requests in flight on one stream connection, oldest first. A stream echoes in order, so
 * each echo belongs to the oldest entry; its expected sequence number is that entry's. Holds the
 * intended and actual send time of each request. A fixed ring: no allocation after construction.
 *
 * <p>Not thread-safe: owned by one connection.
 */
public final class InFlightQueue {
    private final long[] intendedNs;
    private final long[] sentNs;
    private final boolean[] timedOut;
    private int head;
    private int size;
    private long headSequence;

    /** @param capacity the most requests in flight at once ({@code --depth}) */
    public InFlightQueue(int capacity) {
        intendedNs = new long[capacity];
        sentNs = new long[capacity];
        timedOut = new boolean[capacity];
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == intendedNs.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Adds the newest request; returns its sequence number. */
    public long add(long intended, long sent) {
        if (isFull()) {
            throw new IllegalStateException("no room for another request in flight");
        }
        int slot = (head + size) % intendedNs.length;
        intendedNs[slot] = intended;
        sentNs[slot] = sent;
        timedOut[slot] = false;
        size++;
        return headSequence + size - 1;
    }

    /** Sequence number the next echo must carry. */
    public long headSequence() {
        return headSequence;
    }

    public long headIntendedNs() {
        return intendedNs[head];
    }

    public long headSentNs() {
        return sentNs[head];
    }

    /** True once {@link #markHeadTimedOut} was called for the oldest request. */
    public boolean headTimedOut() {
        return timedOut[head];
    }

    /** Marks the oldest request as counted for a timeout, so it is counted once. */
    public void markHeadTimedOut() {
        timedOut[head] = true;
    }

    /** Removes the oldest request (its echo came back). */
    public void removeHead() {
        if (size == 0) {
            throw new IllegalStateException("nothing in flight");
        }
        head = (head + 1) % intendedNs.length;
        size--;
        headSequence++;
    }

    /** Forgets every request in flight (their connection is gone). */
    public void clear() {
        headSequence += size;
        head = 0;
        size = 0;
    }

    /**
     * The oldest request was answered at {@code nowNs}: removes it, counts it, and records its
     * latency when measured. A late echo (its request already counted as a timeout) keeps its true
     * latency in the histograms but is not counted as answered.
     */
    public void answerHead(long nowNs, LatencyRecorder recorder, Tally tally) {
        long intended = intendedNs[head];
        long sent = sentNs[head];
        boolean late = timedOut[head];
        removeHead();
        tally.completed(nowNs);
        if (tally.measured(intended)) {
            recorder.recordInBatch(intended, sent, nowNs);
            if (!late) {
                tally.requestsAnswered++;
            }
        }
    }

    /**
     * Counts a {@code timeout} when the oldest request has waited {@code timeoutNs} since it left;
     * once per request. It stays in flight: a stream loses nothing, its echo may still come.
     */
    public void expireHead(long nowNs, long timeoutNs, Tally tally) {
        if (!isEmpty() && !timedOut[head] && nowNs - sentNs[head] >= timeoutNs) {
            timedOut[head] = true;
            if (tally.measured(intendedNs[head])) {
                tally.timeoutErrors++;
            }
        }
    }

    /**
     * The run is over: every measured request still in flight is a timeout (counted once) and
     * enters the corrected latency at its timeout.
     */
    public void abandonAll(long timeoutNs, Tally tally, LatencyRecorder recorder) {
        while (!isEmpty()) {
            if (tally.measured(intendedNs[head])) {
                if (!timedOut[head]) {
                    tally.timeoutErrors++;
                }
                recorder.recordGivenUp(intendedNs[head], sentNs[head] + timeoutNs);
            }
            removeHead();
        }
    }

    /** The connection broke: every measured request in flight not already a timeout failed with it. */
    public void failAll(Tally tally) {
        while (!isEmpty()) {
            if (!timedOut[head] && tally.measured(intendedNs[head])) {
                tally.requestsFailed++;
            }
            removeHead();
        }
    }
}
