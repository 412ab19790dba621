package dev.sockbench.servers.ffm;

import java.io.IOException;

/**
 * One readiness mechanism over file descriptors, as the loop of {@link FfmServer} uses it: watch a
 * descriptor for reading and/or writing, change or drop the watch, wait for some to be ready and
 * walk what came back. Used by one thread; its native memory lives in the loop's arena.
 */
interface Poller extends AutoCloseable {
    int READ = 1;
    int WRITE = 2;

    /**
     * Watches {@code fd} for {@code interest} ({@link #READ}, {@link #WRITE} or both).
     *
     * @throws IOException when this mechanism cannot watch {@code fd} (select: {@code fd >=
     *     FD_SETSIZE}; epoll_ctl failed); nothing was written
     */
    void add(int fd, int interest) throws IOException;

    /** Changes the interest of a watched {@code fd}; a no-op where the interest never changes (edge-triggered epoll). */
    void modify(int fd, int interest);

    /** Stops watching {@code fd} (before it is closed). */
    void remove(int fd);

    /**
     * Waits until at least one watched descriptor is ready.
     *
     * @return how many are ready: {@link #readyFd}/{@link #readyOps} for {@code 0..n-1}; 0 after a signal
     * @throws IOException when the call itself fails
     */
    int await() throws IOException;

    int readyFd(int index);

    /** {@link #READ} and/or {@link #WRITE}; an error or hang-up reads as both, so the next call reports it. */
    int readyOps(int index);

    /** True when a ready descriptor is reported once per change (epoll ET): the caller must drain it. */
    default boolean edgeTriggered() {
        return false;
    }

    /** Releases the kernel object, if any (the memory goes with the loop's arena). */
    @Override
    void close();
}
