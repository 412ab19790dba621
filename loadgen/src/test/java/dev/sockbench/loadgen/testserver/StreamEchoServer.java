package dev.sockbench.loadgen.testserver;

import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback echo server the loadgen tests control: TCP or Unix stream, RFC 862 (it echoes bytes
 * as they come, so it serves {@code length} and {@code raw} framing alike), a virtual thread per
 * connection. Options: a serial service time per message (every message, across all connections,
 * takes {@code serviceNs} of one shared "CPU", so the server saturates at {@code 1e9 / serviceNs}
 * messages per second), and {@link #kill} (the server dies: listener and connections closed).
 */
public final class StreamEchoServer implements AutoCloseable {
    private final ServerSocketChannel listener;
    private final Endpoint endpoint;
    private final int messageBytes;
    private final long serviceNs;
    private final Object cpu = new Object();
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private StreamEchoServer(Transport transport, Path path, int messageBytes, long serviceNs) throws IOException {
        this.messageBytes = messageBytes;
        this.serviceNs = serviceNs;
        if (transport == Transport.UNIX_STREAM) {
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(path), 4096);
            endpoint = Endpoint.unix(Transport.UNIX_STREAM, path);
        } else {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
            endpoint = Endpoint.inet(
                    Transport.TCP, "127.0.0.1", ((InetSocketAddress) listener.getLocalAddress()).getPort());
        }
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    /** A TCP echo server on 127.0.0.1. */
    public static StreamEchoServer tcp() throws IOException {
        return new StreamEchoServer(Transport.TCP, null, 0, 0);
    }

    /** A Unix stream echo server at {@code path}. */
    public static StreamEchoServer unix(Path path) throws IOException {
        return new StreamEchoServer(Transport.UNIX_STREAM, path, 0, 0);
    }

    /**
     * A TCP echo server that serves one {@code messageBytes} message at a time, each taking
     * {@code serviceNs}, across all connections.
     */
    public static StreamEchoServer tcpWithServiceTime(int messageBytes, long serviceNs) throws IOException {
        return new StreamEchoServer(Transport.TCP, null, messageBytes, serviceNs);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public int accepted() {
        return accepted.get();
    }

    /** Connections open now. */
    public int open() {
        return (int) connections.stream().filter(SocketChannel::isOpen).count();
    }

    /** The server dies: no more accepting, every connection closed. */
    public void kill() {
        close();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel ch = listener.accept();
                accepted.incrementAndGet();
                connections.add(ch);
                Thread.ofVirtual().start(() -> serve(ch));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        ByteBuffer buffer = ByteBuffer.allocate(messageBytes > 0 ? messageBytes : 64 * 1024);
        try (ch) {
            while (!closed) {
                buffer.clear();
                if (messageBytes > 0) {
                    while (buffer.hasRemaining()) {
                        if (ch.read(buffer) < 0) {
                            return;
                        }
                    }
                    synchronized (cpu) {
                        long until = System.nanoTime() + serviceNs;
                        long left;
                        while ((left = until - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(left);
                        }
                    }
                } else if (ch.read(buffer) < 0) {
                    return;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
        } catch (IOException e) {
            // The client went away or the server was killed.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing.
        }
        for (SocketChannel ch : connections) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Closing.
            }
        }
        if (endpoint.transport() == Transport.UNIX_STREAM) {
            try {
                Files.deleteIfExists(endpoint.path());
            } catch (IOException ignored) {
                // The test's temporary folder goes anyway.
            }
        }
        acceptor.interrupt();
    }
}
