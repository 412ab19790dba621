package dev.sockbench.servers.ffm;

import java.io.IOException;
import java.util.Arrays;

/**
 * One readiness mechanism over file descriptors, as the loop of {@link FfmServer} uses it: watch a
 * descriptor for reading and/or writing, change or drop the watch, wait for some to be ready and
 * walk what came back ({@link #readyFd}, {@link #readyOps}). Used by one thread; its native memory
 * lives in the loop's arena.
 */
abstract class Poller implements AutoCloseable {
    static final int READ = 1;
    static final int WRITE = 2;

    private int[] readyFds = new int[64];
    private int[] readyOps = new int[64];

    /**
     * Watches {@code fd} for {@code interest} ({@link #READ}, {@link #WRITE} or both).
     *
     * @throws IOException when this mechanism cannot watch {@code fd} (select: {@code fd >=
     *     FD_SETSIZE}; epoll_ctl failed); nothing was written
     */
    abstract void add(int fd, int interest) throws IOException;

    /** Changes the interest of a watched {@code fd}; a no-op where the interest never changes (edge-triggered epoll). */
    abstract void modify(int fd, int interest);

    /** Stops watching {@code fd} (before it is closed). */
    abstract void remove(int fd);

    /**
     * Waits until at least one watched descriptor is ready and records each with {@link #ready}.
     *
     * @return how many are ready: {@link #readyFd}/{@link #readyOps} for {@code 0..n-1}; 0 after a signal
     * @throws IOException when the call itself fails
     */
    abstract int await() throws IOException;

    /** True when a ready descriptor is reported once per change (epoll ET): the caller must drain it. */
    boolean edgeTriggered() {
        return false;
    }

    /** Releases the kernel object, if any (the memory goes with the loop's arena). */
    @Override
    public abstract void close();

    /**
     * Records the {@code index}-th ready descriptor of this wait; an error or hang-up reads as both
     * ready, so the next read or write reports it.
     */
    final void ready(int index, int fd, boolean readable, boolean writable, boolean error) {
        if (index == readyFds.length) {
            readyFds = Arrays.copyOf(readyFds, index * 2);
            readyOps = Arrays.copyOf(readyOps, index * 2);
        }
        readyFds[index] = fd;
        readyOps[index] = error ? READ | WRITE : (readable ? READ : 0) | (writable ? WRITE : 0);
    }

    final int readyFd(int index) {
        return readyFds[index];
    }

    /** {@link #READ} and/or {@link #WRITE}. */
    final int readyOps(int index) {
        return readyOps[index];
    }
}
