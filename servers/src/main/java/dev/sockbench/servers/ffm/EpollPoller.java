package dev.sockbench.servers.ffm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code epoll(7)}: descriptors registered once with {@code epoll_ctl}, {@code epoll_wait}
 * returning only the ready ones (up to {@link #MAX_EVENTS} a call; the rest stay queued in the
 * kernel). Level-triggered, or edge-triggered ({@code EPOLLET}): then every descriptor is
 * registered for reading and writing at once and never modified, and its owner must read and
 * write until {@code EAGAIN}, or it hears nothing more until the next change.
 */
final class EpollPoller extends Poller {
    static final int MAX_EVENTS = 256;
    private static final int ERRORS = Libc.EPOLLERR | Libc.EPOLLHUP;

    private final Libc libc;
    private final boolean edge;
    private final int epfd;
    private final MemorySegment event;
    private final MemorySegment events;

    EpollPoller(Libc libc, Arena arena, boolean edge) throws IOException {
        this.libc = libc;
        this.edge = edge;
        this.event = arena.allocate(Libc.EPOLL_EVENT_BYTES, 8);
        this.events = arena.allocate((long) MAX_EVENTS * Libc.EPOLL_EVENT_BYTES, 8);
        this.epfd = libc.epollCreate();
        if (epfd < 0) {
            throw new IOException("epoll_create1: " + Libc.describe(libc.errno()));
        }
    }

    @Override
    void add(int fd, int interest) throws IOException {
        if (control(Libc.EPOLL_CTL_ADD, fd, edge ? READ | WRITE : interest) != 0) {
            throw new IOException("epoll_ctl ADD " + fd + ": " + Libc.describe(libc.errno()));
        }
    }

    @Override
    void modify(int fd, int interest) {
        if (!edge) {
            control(Libc.EPOLL_CTL_MOD, fd, interest);
        }
    }

    @Override
    void remove(int fd) {
        control(Libc.EPOLL_CTL_DEL, fd, 0);
    }

    private int control(int op, int fd, int interest) {
        int bits = ((interest & READ) != 0 ? Libc.EPOLLIN : 0)
                | ((interest & WRITE) != 0 ? Libc.EPOLLOUT : 0)
                | (edge ? Libc.EPOLLET : 0);
        event.set(ValueLayout.JAVA_INT_UNALIGNED, 0, bits);
        event.set(ValueLayout.JAVA_LONG_UNALIGNED, Libc.EPOLL_DATA_OFFSET, fd);
        return libc.epollCtl(epfd, op, fd, event);
    }

    @Override
    int await() throws IOException {
        int n = libc.epollWait(epfd, events, MAX_EVENTS, -1);
        if (n < 0) {
            int errno = libc.errno();
            if (errno == Libc.EINTR) {
                return 0;
            }
            throw new IOException("epoll_wait: " + Libc.describe(errno));
        }
        for (int i = 0; i < n; i++) {
            long at = (long) i * Libc.EPOLL_EVENT_BYTES;
            int bits = events.get(ValueLayout.JAVA_INT_UNALIGNED, at);
            ready(
                    i,
                    (int) events.get(ValueLayout.JAVA_LONG_UNALIGNED, at + Libc.EPOLL_DATA_OFFSET),
                    (bits & Libc.EPOLLIN) != 0,
                    (bits & Libc.EPOLLOUT) != 0,
                    (bits & ERRORS) != 0);
        }
        return n;
    }

    @Override
    boolean edgeTriggered() {
        return edge;
    }

    @Override
    public void close() {
        libc.close(epfd);
    }
}
