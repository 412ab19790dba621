package dev.sockbench.servers.netty;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.SocketFiles;
import dev.sockbench.servers.common.Sockets;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Netty server the way Netty's own examples tune it: a one-thread boss group accepts, {@code
 * loops} worker event loops serve, pooled buffers, TCP_NODELAY, one flush per read batch. UDP binds
 * one channel per loop on one port with {@code SO_REUSEPORT} (a datagram channel lives on a single
 * loop); a Unix datagram socket cannot be shared that way and gets one loop.
 */
public final class NettyServer extends EchoServer {
    private static final long QUIET_MS = 100;
    private static final long STOP_TIMEOUT_MS = 2_500;

    private final ServerConfig config;
    private final NettyFlavor flavor;
    private final int loops;
    private final String name;
    // Every bound and accepted channel; an accepted one leaves the group by itself when it closes.
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    // --offload N: the handler's threads; null when it runs on the loops.
    private EventExecutorGroup offload;

    NettyServer(ServerConfig config, NettyFlavor flavor, int loops, String name) {
        super(config.handling());
        this.config = config;
        this.flavor = flavor;
        this.loops = loops;
        this.name = name;
    }

    @Override
    protected void start() throws IOException {
        Endpoint endpoint = config.bind();
        SocketFiles.claim(endpoint);
        workers = flavor.newGroup(
                loops, Thread.ofPlatform().name(name + "-loop-", 0).daemon(true).factory());
        if (endpoint.transport().streamOriented()) {
            startStream(endpoint);
        } else {
            startDatagram(endpoint);
        }
    }

    private void startStream(Endpoint endpoint) throws IOException {
        boss = flavor.newGroup(
                1, Thread.ofPlatform().name(name + "-accept").daemon(true).factory());
        ChannelHandler echo = handling.plainEcho() ? new EchoHandler() : new ReplyHandler(handling);
        if (config.handling().offload() > 0) {
            offload = new DefaultEventExecutorGroup(
                    config.handling().offload(),
                    Thread.ofPlatform().name(name + "-offload-", 0).daemon(true).factory());
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(flavor.serverChannel(endpoint.transport()))
                .option(ChannelOption.SO_BACKLOG, Sockets.BACKLOG)
                .handler(new AcceptPause(acceptBackoff))
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // The end of input is an event to EchoHandler, which closes after the last echo.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channels.add(channel);
                        flavor.checkMode(channel);
                        addStreamHandlers(channel, config, offload, echo);
                    }
                });
        if (endpoint.transport() == Transport.TCP) {
            bootstrap.childOption(ChannelOption.TCP_NODELAY, true);
        }
        flavor.configure(bootstrap);
        Channel listener = bind(bootstrap, endpoint);
        bound(Sockets.boundEndpoint(endpoint, listener.localAddress()));
    }

    /**
     * A stream connection's pipeline: the frame decoder (length framing), then the echo ({@code
     * echo}: one stateless handler shares all connections; null for a new one). Public for the
     * handler benchmark, which runs it in an {@code EmbeddedChannel}.
     */
    public static void addStreamHandlers(Channel channel, ServerConfig config, ChannelHandler echo) {
        addStreamHandlers(channel, config, null, echo);
    }

    /** The same, the last handler on {@code group}'s threads (null: on the channel's loop). */
    private static void addStreamHandlers(
            Channel channel, ServerConfig config, EventExecutorGroup group, ChannelHandler echo) {
        if (config.framing() == Framing.LENGTH) {
            channel.pipeline().addLast(new LengthFrameDecoder(config.maxFrameBytes()));
        }
        channel.pipeline().addLast(group, echo != null ? echo : new EchoHandler());
    }

    private void startDatagram(Endpoint endpoint) throws IOException {
        Bootstrap bootstrap = new Bootstrap()
                .group(workers)
                .channel(flavor.datagramChannel(endpoint.transport()))
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // Netty's datagram default is 2 KiB: a larger datagram would be cut short.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(Sockets.DATAGRAM_BUFFER_BYTES))
                .handler(new DatagramEchoHandler());
        int sockets = endpoint.transport() == Transport.UDP ? loops : 1;
        if (sockets > 1) {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        flavor.configure(bootstrap);
        Endpoint actual = endpoint;
        for (int i = 0; i < sockets; i++) {
            Channel channel = bind(bootstrap, actual);
            if (i == 0) {
                actual = Sockets.boundEndpoint(endpoint, channel.localAddress()); // the others join its port
                bound(actual);
            }
        }
    }

    private Channel bind(AbstractBootstrap<?, ?> bootstrap, Endpoint endpoint) throws IOException {
        SocketAddress address = endpoint.transport().unixDomain()
                ? new DomainSocketAddress(endpoint.path().toString())
                : endpoint.inetSocketAddress();
        Channel channel;
        try {
            channel = bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + endpoint, e);
        } catch (Exception e) { // sync() rethrows the bind failure as is, checked or not
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getMessage(), e);
        }
        channels.add(channel);
        flavor.checkMode(channel);
        return channel;
    }

    @Override
    protected void stop() {
        // Every connection is closed while its loop still runs; only then do the loops stop. Left to
        // the loops' own shutdown, io_uring (0.0.26, kernel 6.18) now and then waits forever for
        // the completions of a connection it closes on the way out. Both groups stop at once, and
        // every wait is bounded, so a loop stuck in native code cannot keep the process from exiting.
        channels.close().awaitUninterruptibly(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<String, Future<?>> terminations = new LinkedHashMap<>();
        if (boss != null) {
            terminations.put("accept loop", boss.shutdownGracefully(QUIET_MS, STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        if (offload != null) {
            terminations.put(
                    "offload threads", offload.shutdownGracefully(QUIET_MS, STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        if (workers != null) {
            terminations.put(
                    "event loops", workers.shutdownGracefully(QUIET_MS, STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        terminations.forEach((what, termination) -> {
            if (!termination.awaitUninterruptibly(2 * STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                System.err.println("sockbench: warning: " + name + " " + what + " did not stop within "
                        + 2 * STOP_TIMEOUT_MS + " ms; leaving it behind");
            }
        });
    }
}
