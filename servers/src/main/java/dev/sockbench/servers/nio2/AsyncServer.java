package dev.sockbench.servers.nio2;

import dev.sockbench.core.handler.MalformedRequestException;
import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.servers.common.EchoBuffer;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The NIO.2 echo: accept, read, write and read again, each step started by the completion of the
 * one before. A connection has at most one read or one write outstanding, so its {@link
 * EchoBuffer} is never touched by two threads at once. The handlers are stateless singletons and
 * the connection travels as the attachment, so the steady state allocates nothing per message.
 *
 * <p>With a handler, the group's thread that completed the read runs it, its work included, then
 * starts the write; with {@code --offload} a pool thread runs it and starts the write (NIO.2 has no
 * loop to hand back to: the write's completion comes back on the group's threads).
 */
final class AsyncServer extends EchoServer {
    private final ServerConfig config;
    private final int threads;
    private final String name;
    private AsynchronousChannelGroup group;
    private AsynchronousServerSocketChannel listener;

    AsyncServer(ServerConfig config, int threads, String name) {
        super(config.handling());
        this.config = config;
        this.threads = threads;
        this.name = name;
    }

    @Override
    protected void start() throws IOException {
        group = AsynchronousChannelGroup.withFixedThreadPool(
                threads, Thread.ofPlatform().name(name + "-", 0).daemon(true).factory());
        listener = AsynchronousServerSocketChannel.open(group);
        listener.bind(config.bind().socketAddress(), Sockets.BACKLOG);
        bound(Sockets.boundEndpoint(config.bind(), listener));
        listener.accept(this, ACCEPTED);
    }

    @Override
    protected void stop() {
        if (group == null) {
            return;
        }
        try {
            group.shutdownNow(); // closes the listener and every connection
            group.awaitTermination(10, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // Closed either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next accept after a back-off; nothing once the server is stopping. */
    private void acceptAgain(CompletionHandler<AsynchronousSocketChannel, AsyncServer> handler) {
        if (closing()) {
            return;
        }
        try {
            listener.accept(this, handler);
        } catch (RuntimeException stopped) { // closed or the group shut down meanwhile
            if (!closing()) {
                throw stopped;
            }
        }
    }

    private static final CompletionHandler<AsynchronousSocketChannel, AsyncServer> ACCEPTED =
            new CompletionHandler<>() {
                @Override
                public void completed(AsynchronousSocketChannel channel, AsyncServer server) {
                    server.listener.accept(server, this); // the next accept first, so the backlog keeps draining
                    Connection connection = new Connection(channel, server);
                    try {
                        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        connection.read();
                    } catch (IOException e) {
                        connection.close();
                    }
                }

                @Override
                public void failed(Throwable e, AsyncServer server) {
                    if (e instanceof AsynchronousCloseException || server.closing()) {
                        return;
                    }
                    // e.g. out of file descriptors: accept again after a pause, or the next accept
                    // fails at once on the connection still queued, and the group's threads spin
                    server.acceptBackoff.failedThenResume(e, () -> server.acceptAgain(this));
                }
            };

    /** One connection: its channel and buffer. */
    private static final class Connection {
        private final AsynchronousSocketChannel channel;
        private final EchoBuffer echo;
        private final AsyncServer server;

        Connection(AsynchronousSocketChannel channel, AsyncServer server) {
            this.channel = channel;
            this.echo = new EchoBuffer(server.config.framing(), server.config.maxFrameBytes());
            this.server = server;
        }

        /** Whole frames are in: echo them, or answer them here or on the offload pool. */
        void reply() {
            if (server.handling.plainEcho()) {
                write();
                return;
            }
            ExecutorService offload = server.handling.offload();
            if (offload == null) {
                answerThenWrite();
                return;
            }
            try {
                offload.execute(this::answerThenWrite);
            } catch (RejectedExecutionException stopping) {
                close();
            }
        }

        private void answerThenWrite() {
            try {
                echo.answer(server.handling.handler());
            } catch (MalformedRequestException e) {
                server.handling.malformed();
                close();
                return;
            }
            write();
        }

        void read() {
            channel.read(echo.readBuffer(), this, READ);
        }

        void write() {
            channel.write(echo.writeBuffer(), this, WRITTEN);
        }

        /** Ends the connection: the peer left or reset it, a frame length was out of range, or the server stops. */
        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing is all we wanted.
            }
        }
    }

    private static final CompletionHandler<Integer, Connection> READ = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytes, Connection c) {
            if (bytes < 0) {
                c.close();
                return;
            }
            try {
                if (c.echo.prepareEcho()) {
                    c.reply();
                } else {
                    c.read();
                }
            } catch (FrameLengthException e) {
                c.close();
            }
        }

        @Override
        public void failed(Throwable e, Connection c) {
            c.close();
        }
    };

    private static final CompletionHandler<Integer, Connection> WRITTEN = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytes, Connection c) {
            if (c.echo.writeBuffer().hasRemaining()) {
                c.write(); // a partial write: the rest, before reading on
            } else {
                c.echo.echoed();
                c.read();
            }
        }

        @Override
        public void failed(Throwable e, Connection c) {
            c.close();
        }
    };
}
