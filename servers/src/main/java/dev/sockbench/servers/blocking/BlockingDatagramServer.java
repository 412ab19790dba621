package dev.sockbench.servers.blocking;

import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.SocketFiles;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * UDP (the JDK's {@link DatagramChannel}) or Unix datagrams (junixsocket's channel, the same API),
 * in blocking mode: {@code receivers} tasks of {@code workers} run {@link
 * BlockingEcho#echoDatagrams} on the one channel. (Channels with direct buffers, not {@code
 * DatagramSocket}s: junixsocket's {@code AFUNIXDatagramSocket} goes through heap arrays, and on
 * concurrent virtual threads its {@code send} fails with EINVAL.)
 */
final class BlockingDatagramServer extends EchoServer {
    private final ServerConfig config;
    private final ExecutorService workers;
    private final int receivers;
    private DatagramChannel channel;

    BlockingDatagramServer(ServerConfig config, ExecutorService workers, int receivers) {
        this.config = config;
        this.workers = workers;
        this.receivers = receivers;
    }

    @Override
    protected void start() throws IOException {
        SocketFiles.claim(config.bind());
        channel =
                Sockets.openDatagram(SelectorProvider.provider(), config.bind().transport());
        Sockets.bindDatagram(channel, config.bind(), false);
        bound(Sockets.boundEndpoint(config.bind(), channel));
        for (int i = 0; i < receivers; i++) {
            workers.execute(this::receiveLoop);
        }
    }

    private void receiveLoop() {
        while (channel.isOpen()) {
            try {
                BlockingEcho.echoDatagrams(channel);
            } catch (IOException e) {
                // A send that failed (e.g. to a Unix peer that went away) costs that datagram only.
            }
        }
    }

    @Override
    protected void stop() {
        try {
            if (channel != null) {
                channel.close(); // unblocks every receiver
            }
        } catch (IOException ignored) {
            // Closed either way.
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
