package dev.sockbench.servers.ffm;

import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Sockets made with the system calls themselves ({@code socket}, {@code bind}, {@code listen}),
 * non-blocking from birth: a listening stream socket or a bound datagram socket for an {@link
 * Endpoint}, and the port the kernel gave. Failures are {@link IOException}s naming the call and
 * its errno.
 */
final class FfmSockets {
    private static final ValueLayout.OfShort SHORT_BE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private FfmSockets() {}

    /** A listening TCP or Unix stream socket, bound with the backlog every model uses. */
    static int listen(Libc libc, Arena arena, Endpoint endpoint) throws IOException {
        int fd = open(libc, arena, endpoint, Libc.SOCK_STREAM);
        if (libc.listen(fd, Sockets.BACKLOG) != 0) {
            int errno = libc.errno();
            libc.close(fd);
            throw new IOException("listen: " + Libc.describe(errno));
        }
        return fd;
    }

    /** A bound UDP or Unix datagram socket. */
    static int datagram(Libc libc, Arena arena, Endpoint endpoint) throws IOException {
        return open(libc, arena, endpoint, Libc.SOCK_DGRAM);
    }

    /** Disables Nagle on a TCP connection, as {@link Sockets#tune} does for the JDK's channels. */
    static void tune(Libc libc, MemorySegment one, int fd, Transport transport) {
        if (transport == Transport.TCP) {
            libc.setsockopt(fd, Libc.IPPROTO_TCP, Libc.TCP_NODELAY, one, Integer.BYTES);
        }
    }

    /** The endpoint {@code fd} really bound: the kernel's port when port 0 was asked for. */
    static Endpoint bound(Libc libc, Arena arena, Endpoint requested, int fd) throws IOException {
        if (requested.transport().unixDomain()) {
            return requested;
        }
        MemorySegment address = arena.allocate(Libc.SOCKADDR_STORAGE_BYTES);
        MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
        length.set(ValueLayout.JAVA_INT, 0, Libc.SOCKADDR_STORAGE_BYTES);
        if (libc.getsockname(fd, address, length) != 0) {
            throw new IOException("getsockname: " + Libc.describe(libc.errno()));
        }
        return requested.withPort(Short.toUnsignedInt(address.get(SHORT_BE, 2)));
    }

    private static int open(Libc libc, Arena arena, Endpoint endpoint, int type) throws IOException {
        MemorySegment address = arena.allocate(Libc.SOCKADDR_STORAGE_BYTES);
        int length = sockaddr(endpoint, address);
        int family = address.get(ValueLayout.JAVA_SHORT, 0);
        int fd = libc.socket(family, type | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC);
        if (fd < 0) {
            throw new IOException("socket: " + Libc.describe(libc.errno()));
        }
        if (endpoint.transport() == Transport.TCP) { // as the JDK does for its server sockets
            MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
            libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, one, Integer.BYTES);
        }
        if (libc.bind(fd, address, length) != 0) {
            int errno = libc.errno();
            libc.close(fd);
            throw new IOException("bind " + endpoint + ": " + Libc.describe(errno));
        }
        return fd;
    }

    /** Writes {@code endpoint} as a {@code sockaddr_in}, {@code sockaddr_in6} or {@code sockaddr_un}; returns its length. */
    static int sockaddr(Endpoint endpoint, MemorySegment address) throws IOException {
        address.fill((byte) 0);
        if (endpoint.transport().unixDomain()) {
            byte[] path = endpoint.path().toString().getBytes(StandardCharsets.UTF_8);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_UNIX);
            MemorySegment.copy(path, 0, address, ValueLayout.JAVA_BYTE, 2, path.length); // NUL from the fill
            return 2 + path.length + 1;
        }
        InetAddress ip = endpoint.inetSocketAddress().getAddress();
        byte[] bytes = ip.getAddress();
        address.set(SHORT_BE, 2, (short) endpoint.port());
        if (ip instanceof Inet6Address v6) {
            address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET6);
            MemorySegment.copy(bytes, 0, address, ValueLayout.JAVA_BYTE, 8, 16);
            address.set(ValueLayout.JAVA_INT_UNALIGNED, 24, v6.getScopeId());
            return 28;
        }
        address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
        MemorySegment.copy(bytes, 0, address, ValueLayout.JAVA_BYTE, 4, 4);
        return 16;
    }
}
