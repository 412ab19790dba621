package dev.sockbench.servers.nio2;

import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.EventLoopModel;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.util.Map;

/**
 * {@code nio2-async}: NIO.2's {@code AsynchronousServerSocketChannel}, every read, write and accept
 * a completion handler on a fixed thread group. TCP only: the JDK rejects Unix addresses on
 * asynchronous channels and has no asynchronous datagram channel.
 */
public final class AsyncModel extends EventLoopModel {
    public AsyncModel() {
        super(
                "nio2-async",
                "NIO.2 AsynchronousServerSocketChannel, completion handlers on a fixed group of --threads"
                        + " threads (default one per core)",
                Map.of(
                        Transport.UDP, "NIO.2 has no asynchronous datagram channel",
                        Transport.UNIX_STREAM,
                                "AsynchronousServerSocketChannel rejects Unix addresses (UnsupportedAddressTypeException)",
                        Transport.UNIX_DGRAM, "NIO.2 has neither Unix nor datagram asynchronous channels"));
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        requireSupported(config.bind().transport());
        return EchoServer.started(new AsyncServer(config, config.threadsOr(Sockets.defaultLoops()), id()));
    }
}
