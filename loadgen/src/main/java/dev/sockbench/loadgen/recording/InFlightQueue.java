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
}
