package dev.sockbench.servers.netty;

import dev.sockbench.core.server.Availability;
import dev.sockbench.core.transport.Transport;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelConfig;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.incubator.channel.uring.IOUring;
import io.netty.incubator.channel.uring.IOUringDatagramChannel;
import io.netty.incubator.channel.uring.IOUringEventLoopGroup;
import io.netty.incubator.channel.uring.IOUringServerSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty native transports sockbench compares: epoll edge-triggered (Netty 4.1's default),
 * epoll level-triggered, and io_uring (the 4.1 incubator). Everything transport-specific lives
 * here: event loop groups, channel classes, the epoll mode, and whether the native library loads.
 */
enum NettyFlavor {
    EPOLL_ET(EpollMode.EDGE_TRIGGERED),
    EPOLL_LT(EpollMode.LEVEL_TRIGGERED),
    IOURING(null);

    /** Receive buffer of an io_uring connection; see {@link #configure}. */
    static final int IOURING_READ_BYTES = 16 * 1024;

    private final EpollMode epollMode;

    NettyFlavor(EpollMode epollMode) {
        this.epollMode = epollMode;
    }

    /** Whether the native transport loads here; its cause when not. */
    Availability availability() {
        try {
            if (this == IOURING) {
                return IOUring.isAvailable()
                        ? Availability.AVAILABLE
                        : Availability.unavailable(IOUring.unavailabilityCause());
            }
            return Epoll.isAvailable() ? Availability.AVAILABLE : Availability.unavailable(Epoll.unavailabilityCause());
        } catch (Throwable e) { // a class that fails to initialise is a cause too, never a crash
            return Availability.unavailable(e);
        }
    }

    EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return this == IOURING
                ? new IOUringEventLoopGroup(threads, threadFactory)
                : new EpollEventLoopGroup(threads, threadFactory);
    }

    Class<? extends ServerChannel> serverChannel(Transport transport) {
        if (this == IOURING) {
            return IOUringServerSocketChannel.class;
        }
        return transport == Transport.TCP ? EpollServerSocketChannel.class : EpollServerDomainSocketChannel.class;
    }

    Class<? extends Channel> datagramChannel(Transport transport) {
        if (this == IOURING) {
            return IOUringDatagramChannel.class;
        }
        return transport == Transport.UDP ? EpollDatagramChannel.class : EpollDomainDatagramChannel.class;
    }

    /**
     * Applies this flavor's own options: the epoll mode on the bound channel and, for a server, on
     * each accepted one; for io_uring, a fixed receive buffer on accepted connections.
     */
    void configure(AbstractBootstrap<?, ?> bootstrap) {
        if (epollMode != null) {
            bootstrap.option(EpollChannelOption.EPOLL_MODE, epollMode);
            if (bootstrap instanceof ServerBootstrap server) {
                server.childOption(EpollChannelOption.EPOLL_MODE, epollMode);
            }
        }
        if (this == IOURING && bootstrap instanceof ServerBootstrap server) {
            // The incubator (0.0.26, kernel 6.18) stalls a connection for good once Netty's adaptive
            // guess shrinks to exactly the message size (a 64-byte echo stops after ~60 round trips,
            // a 1 KiB one after 2); a fixed buffer never does. 16 KiB: small frames fit many times
            // over and large ones take few reads (the buffer is pooled and only held while echoing).
            server.childOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(IOURING_READ_BYTES));
        }
    }

    /**
     * Reads the epoll mode back from a channel's config and fails if it is not the one asked for:
     * an ET/LT comparison is worthless if the option silently did not take.
     *
     * @throws IllegalStateException naming both modes
     */
    void checkMode(Channel channel) {
        if (epollMode != null) {
            EpollMode actual = ((EpollChannelConfig) channel.config()).getEpollMode();
            if (actual != epollMode) {
                throw new IllegalStateException(
                        "EPOLL_MODE " + epollMode + " did not take on " + channel + ": it is " + actual);
            }
        }
    }
}
