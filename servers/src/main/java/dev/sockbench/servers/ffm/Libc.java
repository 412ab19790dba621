package dev.sockbench.servers.ffm;

import dev.sockbench.core.server.Availability;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The Linux system calls of the {@code ffm-*} models, bound through the Foreign Function & Memory
 * API (no JNI): sockets, {@code select(2)}, {@code poll(2)}, {@code epoll(7)} and {@code
 * eventfd(2)}. Each instance holds its own errno capture, so one instance serves one thread; a
 * call returns what libc returns and {@link #errno()} tells why a -1 failed. Constants are
 * Linux's (x86_64 and aarch64 agree on all of them; only {@code struct epoll_event} differs).
 */
final class Libc {
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ECONNABORTED = 103;

    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    static final int EPOLLIN = 0x1;
    static final int EPOLLOUT = 0x4;
    static final int EPOLLERR = 0x8;
    static final int EPOLLHUP = 0x10;
    static final int EPOLLET = 1 << 31;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLL_CLOEXEC = 0x80000;
    /** {@code struct epoll_event} is packed on x86_64 (12 bytes), naturally aligned elsewhere (16). */
    static final boolean EPOLL_PACKED = System.getProperty("os.arch").equals("amd64");

    static final int EPOLL_EVENT_BYTES = EPOLL_PACKED ? 12 : 16;
    static final long EPOLL_DATA_OFFSET = EPOLL_PACKED ? 4 : 8;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    /** {@code FD_SETSIZE}: select(2) watches descriptors 0..1023 only; its fd_set is this many bits. */
    static final int FD_SETSIZE = 1024;

    static final int SOCKADDR_STORAGE_BYTES = 128;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VALUE = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = link("socket", INT, INT, INT, INT);
    private static final MethodHandle BIND = link("bind", INT, INT, ADDRESS, INT);
    private static final MethodHandle LISTEN = link("listen", INT, INT, INT);
    private static final MethodHandle ACCEPT4 = link("accept4", INT, INT, ADDRESS, ADDRESS, INT);
    private static final MethodHandle GETSOCKNAME = link("getsockname", INT, INT, ADDRESS, ADDRESS);
    private static final MethodHandle SETSOCKOPT = link("setsockopt", INT, INT, INT, INT, ADDRESS, INT);
    private static final MethodHandle READ = link("read", LONG, INT, ADDRESS, LONG);
    private static final MethodHandle WRITE = link("write", LONG, INT, ADDRESS, LONG);
    private static final MethodHandle RECVFROM = link("recvfrom", LONG, INT, ADDRESS, LONG, INT, ADDRESS, ADDRESS);
    private static final MethodHandle SENDTO = link("sendto", LONG, INT, ADDRESS, LONG, INT, ADDRESS, INT);
    private static final MethodHandle CLOSE = link("close", INT, INT);
    private static final MethodHandle SELECT = link("select", INT, INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle POLL = link("poll", INT, ADDRESS, LONG, INT);
    private static final MethodHandle EPOLL_CREATE1 = link("epoll_create1", INT, INT);
    private static final MethodHandle EPOLL_CTL = link("epoll_ctl", INT, INT, INT, INT, ADDRESS);
    private static final MethodHandle EPOLL_WAIT = link("epoll_wait", INT, INT, ADDRESS, INT, INT);
    private static final MethodHandle EVENTFD = link("eventfd", INT, INT, INT);

    private final MemorySegment state;

    /** Calls for one thread; the errno capture lives in {@code arena}. */
    Libc(Arena arena) {
        this.state = arena.allocate(CAPTURE);
    }

    /** Whether every call links here (Linux, with epoll and eventfd), and if not, why. */
    static Availability availability() {
        if (!System.getProperty("os.name").equals("Linux")) {
            return Availability.unavailable(
                    "the ffm models call Linux's epoll and eventfd; this is " + System.getProperty("os.name"));
        }
        try {
            Class.forName(Libc.class.getName(), true, Libc.class.getClassLoader());
            return Availability.AVAILABLE;
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unavailable(e);
        }
    }

    private static MethodHandle link(String name, ValueLayout result, ValueLayout... args) {
        MemorySegment symbol = LINKER.defaultLookup()
                .find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name + " here"));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args), ERRNO);
    }

    /** The errno of the last failed call on this instance. */
    int errno() {
        return (int) ERRNO_VALUE.get(state, 0L);
    }

    /** A one-line text for {@code errno}, e.g. {@code errno 24 (EMFILE: too many open files)}. */
    static String describe(int errno) {
        String name =
                switch (errno) {
                    case 4 -> "EINTR";
                    case 9 -> "EBADF";
                    case 11 -> "EAGAIN";
                    case 13 -> "EACCES";
                    case 22 -> "EINVAL";
                    case 23 -> "ENFILE: Too many open files in system";
                    case 24 -> "EMFILE: Too many open files";
                    case 98 -> "EADDRINUSE: Address already in use";
                    case 99 -> "EADDRNOTAVAIL";
                    case 104 -> "ECONNRESET";
                    case 105 -> "ENOBUFS";
                    default -> "";
                };
        return "errno " + errno + (name.isEmpty() ? "" : " (" + name + ")");
    }

    int socket(int domain, int type) {
        try {
            return (int) SOCKET.invokeExact(state, domain, type, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int bind(int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(state, fd, address, length);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int listen(int fd, int backlog) {
        try {
            return (int) LISTEN.invokeExact(state, fd, backlog);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** {@code accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)}: the new connection, non-blocking. */
    int accept(int fd) {
        try {
            return (int) ACCEPT4.invokeExact(
                    state, fd, MemorySegment.NULL, MemorySegment.NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int getsockname(int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETSOCKNAME.invokeExact(state, fd, address, length);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int setsockopt(int fd, int level, int option, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, option, value, length);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    long read(int fd, MemorySegment buffer, long bytes) {
        try {
            return (long) READ.invokeExact(state, fd, buffer, bytes);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    long write(int fd, MemorySegment buffer, long bytes) {
        try {
            return (long) WRITE.invokeExact(state, fd, buffer, bytes);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    long recvfrom(int fd, MemorySegment buffer, long bytes, MemorySegment from, MemorySegment fromLength) {
        try {
            return (long) RECVFROM.invokeExact(state, fd, buffer, bytes, 0, from, fromLength);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    long sendto(int fd, MemorySegment buffer, long bytes, MemorySegment to, int toLength) {
        try {
            return (long) SENDTO.invokeExact(state, fd, buffer, bytes, 0, to, toLength);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** {@code select(nfds, read, write, NULL, NULL)}: waits without a timeout. */
    int select(int nfds, MemorySegment readSet, MemorySegment writeSet) {
        try {
            return (int) SELECT.invokeExact(state, nfds, readSet, writeSet, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int poll(MemorySegment fds, long count, int timeoutMs) {
        try {
            return (int) POLL.invokeExact(state, fds, count, timeoutMs);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int epollCreate() {
        try {
            return (int) EPOLL_CREATE1.invokeExact(state, EPOLL_CLOEXEC);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int epollCtl(int epfd, int op, int fd, MemorySegment event) {
        try {
            return (int) EPOLL_CTL.invokeExact(state, epfd, op, fd, event);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMs) {
        try {
            return (int) EPOLL_WAIT.invokeExact(state, epfd, events, maxEvents, timeoutMs);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** A non-blocking eventfd, counter 0: the loop's wake-up. */
    int eventfd() {
        try {
            return (int) EVENTFD.invokeExact(state, 0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(e);
    }
}
