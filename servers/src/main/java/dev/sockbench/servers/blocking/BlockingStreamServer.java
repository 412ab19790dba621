package dev.sockbench.servers.blocking;

import dev.sockbench.core.handler.MalformedRequestException;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.SocketFiles;
import dev.sockbench.servers.common.Sockets;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * TCP or Unix stream, blocking: an acceptor thread hands each connection to {@code workers}, which
 * runs {@link BlockingEcho} on it. JDK channels in blocking mode serve both transports with one
 * code path (a {@code Socket} cannot be a Unix socket).
 */
final class BlockingStreamServer extends EchoServer {
    /**
     * The JDK's own default: a 64-byte echo fits many times over, a large frame bypasses it, and
     * 10,000 idle connections cost 160 MiB of buffers, not 1.3 GiB.
     */
    private static final int STREAM_BUFFER_BYTES = 8 * 1024;

    private final ServerConfig config;
    private final ExecutorService workers;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel listener;
    private Thread acceptor;

    BlockingStreamServer(ServerConfig config, ExecutorService workers) {
        super(config.handling());
        this.config = config;
        this.workers = workers;
    }

    @Override
    protected void start() throws IOException {
        SocketFiles.claim(config.bind());
        listener = Sockets.listen(SelectorProvider.provider(), config.bind());
        bound(Sockets.boundEndpoint(config.bind(), listener));
        acceptor = Thread.ofPlatform().name("acceptor").daemon(true).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException e) { // e.g. out of file descriptors: pause, then accept again
                try {
                    acceptBackoff.failedThenSleep(e);
                } catch (InterruptedException stopped) {
                    return;
                }
                continue;
            }
            connections.add(channel);
            try {
                workers.execute(() -> serve(channel));
            } catch (RejectedExecutionException stopped) {
                close(channel);
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        try {
            Sockets.tune(channel, config.bind().transport());
            var in =
                    new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), STREAM_BUFFER_BYTES));
            var out = new DataOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), STREAM_BUFFER_BYTES));
            if (!handling.plainEcho()) {
                BlockingEcho.answerFrames(in, out, config.maxFrameBytes(), handling.handler());
            } else if (config.framing() == Framing.LENGTH) {
                BlockingEcho.echoFrames(in, out, config.maxFrameBytes());
            } else {
                BlockingEcho.echoBytes(in, out);
            }
        } catch (MalformedRequestException e) {
            handling.malformed();
        } catch (IOException e) {
            // The peer closed or reset, a frame length was out of range, or the server is stopping:
            // either way this connection ends here.
        } finally {
            close(channel);
        }
    }

    private void close(SocketChannel channel) {
        if (connections.remove(channel)) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing is all we wanted.
            }
        }
    }

    @Override
    protected void stop() {
        try {
            if (listener != null) {
                listener.close();
            }
            if (acceptor != null) {
                acceptor.interrupt(); // ends a back-off pause at once
                acceptor.join();
            }
        } catch (IOException ignored) {
            // Closed either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(this::close); // unblocks every worker's read
        workers.shutdownNow(); // connections still queued for a pool thread are among those just closed
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
