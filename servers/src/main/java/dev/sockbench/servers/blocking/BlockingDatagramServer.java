package dev.sockbench.servers.blocking;

import dev.sockbench.core.model.ServerConfig;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.SocketFiles;
import java.io.IOException;
import java.net.DatagramSocket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * UDP ({@link DatagramSocket}) or Unix datagrams (junixsocket's {@link AFUNIXDatagramSocket}, the
 * same API), blocking: {@code receivers} tasks of {@code workers} run {@link
 * BlockingEcho#echoDatagrams} on the one socket.
 */
final class BlockingDatagramServer extends EchoServer {
    private final ServerConfig config;
    private final ExecutorService workers;
    private final int receivers;
    private DatagramSocket socket;

    BlockingDatagramServer(ServerConfig config, ExecutorService workers, int receivers) {
        this.config = config;
        this.workers = workers;
        this.receivers = receivers;
    }

    @Override
    protected void start() throws IOException {
        SocketFiles.claim(config.bind());
        if (config.bind().transport() == Transport.UNIX_DGRAM) {
            socket = AFUNIXDatagramSocket.newInstance();
            socket.bind(AFUNIXSocketAddress.of(config.bind().path()));
            bound(config.bind());
        } else {
            socket = new DatagramSocket(config.bind().inetSocketAddress());
            bound(config.bind().withPort(socket.getLocalPort()));
        }
        for (int i = 0; i < receivers; i++) {
            workers.execute(this::receiveLoop);
        }
    }

    private void receiveLoop() {
        while (!socket.isClosed()) {
            try {
                BlockingEcho.echoDatagrams(socket);
            } catch (IOException e) {
                // A send that failed (e.g. to a Unix peer that went away) costs that datagram only.
                if (!socket.isClosed()) {
                    counters.ioError();
                }
            }
        }
    }

    @Override
    protected void stop() {
        if (socket != null) {
            socket.close(); // unblocks every receiver
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
