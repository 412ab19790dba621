package dev.sockbench.servers.ffm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code select(2)}: two fixed {@code fd_set}s of {@link Libc#FD_SETSIZE} bits, copied into the
 * ones the kernel overwrites before every call, and every word up to the highest descriptor
 * scanned after it. A descriptor of {@code FD_SETSIZE} or more is refused by {@link #add}, so no
 * bit is ever set outside the sets (glibc's {@code FD_SET} would write past them).
 */
final class SelectPoller extends Poller {
    private static final int SET_BYTES = Libc.FD_SETSIZE / 8;

    private final Libc libc;
    private final MemorySegment readInterest;
    private final MemorySegment writeInterest;
    private final MemorySegment readReady;
    private final MemorySegment writeReady;
    private final boolean[] watched = new boolean[Libc.FD_SETSIZE];
    private int highest = -1;

    SelectPoller(Libc libc, Arena arena) {
        this.libc = libc;
        this.readInterest = arena.allocate(SET_BYTES, 8);
        this.writeInterest = arena.allocate(SET_BYTES, 8);
        this.readReady = arena.allocate(SET_BYTES, 8);
        this.writeReady = arena.allocate(SET_BYTES, 8);
    }

    @Override
    void add(int fd, int interest) throws IOException {
        if (fd < 0 || fd >= Libc.FD_SETSIZE) {
            throw new IOException(
                    "descriptor " + fd + " >= FD_SETSIZE (" + Libc.FD_SETSIZE + "): select(2) cannot watch it");
        }
        watched[fd] = true;
        highest = Math.max(highest, fd);
        modify(fd, interest);
    }

    @Override
    void modify(int fd, int interest) {
        set(readInterest, fd, (interest & READ) != 0);
        set(writeInterest, fd, (interest & WRITE) != 0);
    }

    @Override
    void remove(int fd) {
        if (fd < 0 || fd >= Libc.FD_SETSIZE || !watched[fd]) {
            return;
        }
        modify(fd, 0);
        watched[fd] = false;
        while (highest >= 0 && !watched[highest]) {
            highest--;
        }
    }

    private static void set(MemorySegment set, int fd, boolean on) {
        long offset = (long) (fd >>> 6) * Long.BYTES;
        long word = set.get(ValueLayout.JAVA_LONG, offset);
        long bit = 1L << (fd & 63);
        set.set(ValueLayout.JAVA_LONG, offset, on ? word | bit : word & ~bit);
    }

    @Override
    int await() throws IOException {
        long bytes = ((long) (Math.max(highest, 0) >>> 6) + 1) * Long.BYTES; // only the words in use
        MemorySegment.copy(readInterest, 0, readReady, 0, bytes);
        MemorySegment.copy(writeInterest, 0, writeReady, 0, bytes);
        int n = libc.select(highest + 1, readReady, writeReady);
        if (n < 0) {
            int errno = libc.errno();
            if (errno == Libc.EINTR) {
                return 0;
            }
            throw new IOException("select: " + Libc.describe(errno));
        }
        int count = 0;
        for (long offset = 0; offset < bytes; offset += Long.BYTES) {
            long reads = readReady.get(ValueLayout.JAVA_LONG, offset);
            long writes = writeReady.get(ValueLayout.JAVA_LONG, offset);
            long any = reads | writes;
            while (any != 0) {
                int bit = Long.numberOfTrailingZeros(any);
                long mask = 1L << bit;
                any &= ~mask;
                ready(count++, (int) (offset * 8) + bit, (reads & mask) != 0, (writes & mask) != 0, false);
            }
        }
        return count;
    }

    @Override
    public void close() {
        // No kernel object: the sets are the loop arena's.
    }
}
