package dev.sockbench.servers.netty;

import dev.sockbench.core.server.Availability;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.EventLoopModel;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.util.Map;

/** The Netty 4.1 models: native epoll, edge- or level-triggered, and the io_uring incubator. */
public final class NettyModel extends EventLoopModel {
    private final NettyFlavor flavor;

    private NettyModel(String id, String description, NettyFlavor flavor, Map<Transport, String> notApplicable) {
        super(id, description, notApplicable);
        this.flavor = flavor;
    }

    public static NettyModel epollEdgeTriggered() {
        return new NettyModel(
                "netty-epoll-et",
                "Netty 4.1 native epoll, EPOLL_MODE edge-triggered; an accept loop plus --threads event loops"
                        + " (default one per core)",
                NettyFlavor.EPOLL_ET,
                Map.of());
    }

    public static NettyModel epollLevelTriggered() {
        return new NettyModel(
                "netty-epoll-lt",
                "Netty 4.1 native epoll, EPOLL_MODE level-triggered; an accept loop plus --threads event loops"
                        + " (default one per core)",
                NettyFlavor.EPOLL_LT,
                Map.of());
    }

    public static NettyModel ioUring() {
        String noUnix = "the io_uring incubator transport (0.0.26) has no Unix domain channels";
        return new NettyModel(
                "netty-iouring",
                "Netty io_uring transport (4.1 incubator); an accept loop plus --threads event loops (default"
                        + " one per core)",
                NettyFlavor.IOURING,
                Map.of(Transport.UNIX_STREAM, noUnix, Transport.UNIX_DGRAM, noUnix));
    }

    @Override
    public Availability availability() {
        return flavor.availability();
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        requireServable(config.bind().transport());
        return EchoServer.started(new NettyServer(config, flavor, config.threadsOr(Sockets.defaultLoops()), id()));
    }
}
