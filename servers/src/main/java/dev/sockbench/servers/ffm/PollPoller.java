package dev.sockbench.servers.ffm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * {@code poll(2)}: a dense array of {@code struct pollfd} (a removed entry's place is taken by the
 * last), handed whole to the kernel on every call and scanned whole after it.
 */
final class PollPoller extends Poller {
    private static final int POLLFD_BYTES = 8; // int fd; short events; short revents
    private static final short ERRORS = Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL;

    private final Libc libc;
    private final Arena arena;
    private MemorySegment fds;
    private int count;
    private int[] slotOfFd = new int[1024];

    PollPoller(Libc libc, Arena arena) {
        this.libc = libc;
        this.arena = arena;
        this.fds = arena.allocate(64L * POLLFD_BYTES, 8);
        Arrays.fill(slotOfFd, -1);
    }

    @Override
    void add(int fd, int interest) {
        if ((long) (count + 1) * POLLFD_BYTES
                > fds.byteSize()) { // the old array stays in the arena until the loop ends
            MemorySegment bigger = arena.allocate(fds.byteSize() * 2, 8);
            MemorySegment.copy(fds, 0, bigger, 0, fds.byteSize());
            fds = bigger;
        }
        if (fd >= slotOfFd.length) {
            int old = slotOfFd.length;
            slotOfFd = Arrays.copyOf(slotOfFd, Math.max(fd + 1, old * 2));
            Arrays.fill(slotOfFd, old, slotOfFd.length, -1);
        }
        slotOfFd[fd] = count;
        long at = (long) count * POLLFD_BYTES;
        fds.set(ValueLayout.JAVA_INT, at, fd);
        fds.set(ValueLayout.JAVA_SHORT, at + 4, events(interest));
        fds.set(ValueLayout.JAVA_SHORT, at + 6, (short) 0);
        count++;
    }

    @Override
    void modify(int fd, int interest) {
        fds.set(ValueLayout.JAVA_SHORT, (long) slotOfFd[fd] * POLLFD_BYTES + 4, events(interest));
    }

    @Override
    void remove(int fd) {
        if (fd < 0 || fd >= slotOfFd.length || slotOfFd[fd] < 0) {
            return;
        }
        int slot = slotOfFd[fd];
        int last = count - 1;
        if (slot != last) {
            MemorySegment.copy(fds, (long) last * POLLFD_BYTES, fds, (long) slot * POLLFD_BYTES, POLLFD_BYTES);
            slotOfFd[fds.get(ValueLayout.JAVA_INT, (long) slot * POLLFD_BYTES)] = slot;
        }
        slotOfFd[fd] = -1;
        count = last;
    }

    private static short events(int interest) {
        return (short) (((interest & READ) != 0 ? Libc.POLLIN : 0) | ((interest & WRITE) != 0 ? Libc.POLLOUT : 0));
    }

    @Override
    int await() throws IOException {
        int n = libc.poll(fds, count, -1);
        if (n < 0) {
            int errno = libc.errno();
            if (errno == Libc.EINTR) {
                return 0;
            }
            throw new IOException("poll: " + Libc.describe(errno));
        }
        int ready = 0;
        for (int i = 0; i < count && ready < n; i++) {
            long at = (long) i * POLLFD_BYTES;
            short revents = fds.get(ValueLayout.JAVA_SHORT, at + 6);
            if (revents != 0) {
                ready(
                        ready++,
                        fds.get(ValueLayout.JAVA_INT, at),
                        (revents & Libc.POLLIN) != 0,
                        (revents & Libc.POLLOUT) != 0,
                        (revents & ERRORS) != 0);
            }
        }
        return ready;
    }

    @Override
    public void close() {
        // No kernel object: the array is the loop arena's.
    }
}
