package dev.sockbench.loadgen.engine;

import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.pacing.NanoClock;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The silent connections of the {@code idle} shape: opened before the warm-up, never written to,
 * and checked after the measured interval (a server that dropped them shows here). Connects are
 * kept at most {@link #CONNECTS_IN_FLIGHT} at a time, so a server's listen queue is not flooded
 * with more than it can hold.
 *
 * <p>Not thread-safe: used by the run's owner thread.
 */
final class IdleConnectionsHolder implements Closeable {
    static final int CONNECTS_IN_FLIGHT = 256;

    private final List<SocketChannel> open = new ArrayList<>();
    private final int requested;
    private long connectErrors;
    private String firstError;

    private IdleConnectionsHolder(int requested) {
        this.requested = requested;
    }

    /** Opens {@code count} connections to a stream {@code target}, each within {@code connectTimeoutNs}. */
    static IdleConnectionsHolder open(Endpoint target, int count, NanoClock clock, long connectTimeoutNs)
            throws IOException {
        IdleConnectionsHolder holder = new IdleConnectionsHolder(count);
        try (Selector selector = Selector.open()) {
            int started = 0;
            int pending = 0;
            long deadlineNs = clock.nanoTime() + connectTimeoutNs;
            while (started < count || pending > 0) {
                while (started < count && pending < CONNECTS_IN_FLIGHT) {
                    started++;
                    SocketChannel ch = null;
                    try {
                        ch = SocketChannel.open(
                                target.transport() == Transport.UNIX_STREAM
                                        ? StandardProtocolFamily.UNIX
                                        : target.inetSocketAddress().getAddress() instanceof java.net.Inet6Address
                                                ? StandardProtocolFamily.INET6
                                                : StandardProtocolFamily.INET);
                        ch.configureBlocking(false);
                        if (ch.connect(target.socketAddress())) {
                            holder.open.add(ch);
                        } else {
                            ch.register(selector, SelectionKey.OP_CONNECT);
                            pending++;
                            deadlineNs = clock.nanoTime() + connectTimeoutNs;
                        }
                    } catch (IOException e) {
                        holder.failed(ch, e);
                    }
                }
                if (pending == 0) {
                    continue;
                }
                long remainingMs = (deadlineNs - clock.nanoTime()) / 1_000_000;
                if (remainingMs <= 0) {
                    for (SelectionKey key : selector.keys()) {
                        holder.failed((SocketChannel) key.channel(), new IOException("connect timed out"));
                    }
                    break;
                }
                selector.select(remainingMs);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    try {
                        if (ch.finishConnect()) {
                            key.cancel();
                            pending--;
                            holder.open.add(ch);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        pending--;
                        holder.failed(ch, e);
                    }
                }
                selector.selectedKeys().clear();
            }
            // Deregister the connected channels from this selector before it closes.
            selector.selectNow();
        }
        return holder;
    }

    private void failed(SocketChannel ch, IOException e) {
        connectErrors++;
        if (firstError == null) {
            firstError = "idle connect: " + e.getMessage();
        }
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Already failed.
            }
        }
    }

    int requested() {
        return requested;
    }

    int opened() {
        return open.size();
    }

    long connectErrors() {
        return connectErrors;
    }

    String firstError() {
        return firstError;
    }

    /** How many of the opened connections the server still holds open: a read finds no end of stream. */
    int countStillOpen() {
        ByteBuffer probe = ByteBuffer.allocate(1);
        int stillOpen = 0;
        for (SocketChannel ch : open) {
            try {
                ch.configureBlocking(false);
                probe.clear();
                if (ch.read(probe) >= 0) {
                    stillOpen++;
                }
            } catch (IOException e) {
                // Reset by the server: not open.
            }
        }
        return stillOpen;
    }

    @Override
    public void close() {
        for (SocketChannel ch : open) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Closing at the end of the run.
            }
        }
        open.clear();
    }
}
