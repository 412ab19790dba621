package dev.sockbench.loadgen.engine;

import java.util.Arrays;

/**
 * The connections of a worker waiting for a moment (their next send, the next connect), ordered
 * by that moment: a binary min-heap over connection indices {@code 0..n-1} with their due times,
 * each index present at most once. Fixed arrays: no allocation after construction.
 *
 * <p>Not thread-safe: owned by one worker thread.
 */
final class DueQueue {
    private final int[] heap;
    private final long[] dueNs;
    private final int[] position;
    private int size;

    DueQueue(int capacity) {
        heap = new int[capacity];
        dueNs = new long[capacity];
        position = new int[capacity];
        Arrays.fill(position, -1);
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(int id) {
        return position[id] >= 0;
    }

    /** The earliest due time; {@link Long#MAX_VALUE} when empty. */
    long peekDueNs() {
        return size == 0 ? Long.MAX_VALUE : dueNs[heap[0]];
    }

    /** Adds {@code id}, due at {@code due}; it must not be present. */
    void add(int id, long due) {
        if (position[id] >= 0) {
            throw new IllegalStateException("connection " + id + " is already waiting");
        }
        dueNs[id] = due;
        heap[size] = id;
        position[id] = size;
        siftUp(size++);
    }

    /** Removes and returns the earliest. */
    int poll() {
        int id = heap[0];
        removeAt(0);
        return id;
    }

    /** Removes {@code id} if present. */
    void remove(int id) {
        int at = position[id];
        if (at >= 0) {
            removeAt(at);
        }
    }

    private void removeAt(int at) {
        int id = heap[at];
        position[id] = -1;
        size--;
        if (at == size) {
            return;
        }
        int last = heap[size];
        heap[at] = last;
        position[last] = at;
        siftDown(at);
        siftUp(position[last]);
    }

    private void siftUp(int at) {
        int id = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            int p = heap[parent];
            if (dueNs[p] <= dueNs[id]) {
                break;
            }
            heap[at] = p;
            position[p] = at;
            at = parent;
        }
        heap[at] = id;
        position[id] = at;
    }

    private void siftDown(int at) {
        int id = heap[at];
        int half = size >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            int right = child + 1;
            if (right < size && dueNs[heap[right]] < dueNs[heap[child]]) {
                child = right;
            }
            if (dueNs[id] <= dueNs[heap[child]]) {
                break;
            }
            heap[at] = heap[child];
            position[heap[at]] = at;
            at = child;
        }
        heap[at] = id;
        position[id] = at;
    }
}
