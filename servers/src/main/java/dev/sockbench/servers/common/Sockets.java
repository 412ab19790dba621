package dev.sockbench.servers.common;

import dev.sockbench.core.server.Availability;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import org.newsclub.net.unix.AFSocket;
import org.newsclub.net.unix.AFSocketCapability;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Socket set-up every model does the same way, so that models differ only in their I/O mechanism:
 * one listen backlog, one default loop count, TCP_NODELAY, and how a JDK or junixsocket socket is
 * opened and bound for each transport.
 */
public final class Sockets {
    /**
     * Listen backlog for every model; the kernel caps it at {@code net.core.somaxconn} (4096 by
     * default). The JDK's default of 50 would drop connection bursts that Netty (which asks for
     * somaxconn) takes, and the comparison would measure the backlog instead of the model.
     */
    public static final int BACKLOG = 4096;

    /** A receive buffer that holds the largest datagram on either datagram transport. */
    public static final int DATAGRAM_BUFFER_BYTES = 64 * 1024;

    private Sockets() {}

    /**
     * Loops (or I/O threads) of the multi-loop models when {@code --threads} is 0: one per core,
     * the same for nio-multi, Netty and NIO.2, so that they compare with equal parallelism and no
     * two loops of one server fight for a core. (Netty's own default is twice the cores.)
     */
    public static int defaultLoops() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Disables Nagle on TCP (an echo answers at once; delaying it only adds latency). */
    public static void tune(SocketChannel channel, Transport transport) throws IOException {
        if (transport == Transport.TCP) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }

    /** A listening TCP or Unix stream socket from {@code provider}, bound with {@link #BACKLOG}. */
    public static ServerSocketChannel listen(SelectorProvider provider, Endpoint endpoint) throws IOException {
        ServerSocketChannel listener = endpoint.transport() == Transport.TCP
                ? provider.openServerSocketChannel()
                : provider.openServerSocketChannel(StandardProtocolFamily.UNIX);
        try {
            listener.bind(endpoint.socketAddress(), BACKLOG);
            return listener;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /**
     * An unbound datagram socket for UDP (from {@code provider}) or Unix datagrams (junixsocket,
     * whatever {@code provider} is: the JDK has no Unix datagram channel).
     */
    public static DatagramChannel openDatagram(SelectorProvider provider, Transport transport) throws IOException {
        return transport == Transport.UNIX_DGRAM ? AFUNIXDatagramChannel.open() : provider.openDatagramChannel();
    }

    /**
     * Binds a datagram channel from {@link #openDatagram}; with {@code reusePort}, several channels
     * may bind one UDP port and the kernel spreads peers over them.
     */
    public static void bindDatagram(DatagramChannel channel, Endpoint endpoint, boolean reusePort) throws IOException {
        if (endpoint.transport() == Transport.UNIX_DGRAM) {
            channel.bind(AFUNIXSocketAddress.of(endpoint.path()));
            return;
        }
        if (reusePort) {
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        channel.bind(endpoint.socketAddress());
    }

    /** The endpoint a socket really bound: the kernel's port when port 0 was asked for. */
    public static Endpoint boundEndpoint(Endpoint requested, NetworkChannel channel) throws IOException {
        return requested.transport().unixDomain() ? requested : boundEndpoint(requested, channel.getLocalAddress());
    }

    /** As {@link #boundEndpoint(Endpoint, NetworkChannel)}, from a bound local address. */
    public static Endpoint boundEndpoint(Endpoint requested, SocketAddress local) {
        return requested.transport().unixDomain()
                ? requested
                : requested.withPort(((InetSocketAddress) local).getPort());
    }

    /** Whether junixsocket's native library loads and can do Unix datagrams here. */
    public static Availability junixsocketDatagrams() {
        return JunixsocketHolder.AVAILABILITY;
    }

    private static final class JunixsocketHolder {
        static final Availability AVAILABILITY = check();

        private static Availability check() {
            try {
                return AFSocket.supports(AFSocketCapability.CAPABILITY_UNIX_DATAGRAMS)
                        ? Availability.AVAILABLE
                        : Availability.unavailable("junixsocket: Unix datagrams are not supported on this system");
            } catch (Throwable e) { // a native library that fails to load surfaces as an Error
                return Availability.unavailable(e);
            }
        }
    }
}
