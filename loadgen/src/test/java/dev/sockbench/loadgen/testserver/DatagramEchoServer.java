package dev.sockbench.loadgen.testserver;

import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A loopback datagram echo server the loadgen tests control: UDP, or Unix datagram (junixsocket).
 * With {@link #misbehaving} it drops, duplicates and reorders on purpose, chosen by the request's
 * sequence number (its first 8 bytes), and counts exactly what it did:
 *
 * <ul>
 *   <li>{@code seq % 10 == 3}: dropped;
 *   <li>{@code seq % 10 == 5}: echoed twice;
 *   <li>{@code seq % 10 == 7}: held back and echoed just after the next datagram from the same
 *       sender (so it arrives after a later echo: reordered).
 * </ul>
 *
 * One thread, blocking receive.
 */
public final class DatagramEchoServer implements AutoCloseable {
    private final DatagramChannel channel;
    private final Endpoint endpoint;
    private final boolean misbehave;
    private final Thread thread;
    private final Map<SocketAddress, ByteBuffer> held = new HashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private volatile boolean closed;

    private DatagramEchoServer(Transport transport, Path path, boolean misbehave) throws IOException {
        this.misbehave = misbehave;
        if (transport == Transport.UNIX_DGRAM) {
            AFUNIXDatagramChannel unix = AFUNIXDatagramChannel.open();
            unix.bind(AFUNIXSocketAddress.of(path));
            channel = unix;
            endpoint = Endpoint.unix(Transport.UNIX_DGRAM, path);
        } else {
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            endpoint = Endpoint.inet(
                    Transport.UDP, "127.0.0.1", ((InetSocketAddress) channel.getLocalAddress()).getPort());
        }
        thread = new Thread(this::serve, "datagram-echo");
        thread.setDaemon(true);
        thread.start();
    }

    public static DatagramEchoServer udp() throws IOException {
        return new DatagramEchoServer(Transport.UDP, null, false);
    }

    public static DatagramEchoServer unix(Path path) throws IOException {
        return new DatagramEchoServer(Transport.UNIX_DGRAM, path, false);
    }

    /** A server that drops, duplicates and reorders by sequence number; see the class comment. */
    public static DatagramEchoServer misbehaving(Transport transport, Path path) throws IOException {
        return new DatagramEchoServer(transport, path, true);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public long received() {
        return received.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long duplicated() {
        return duplicated.get();
    }

    /** Held datagrams echoed after a later one. */
    public long reordered() {
        return reordered.get();
    }

    /** Datagrams held back and not (yet) echoed. */
    public synchronized int stillHeld() {
        return held.size();
    }

    private void serve() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (!closed) {
            try {
                buffer.clear();
                SocketAddress sender = channel.receive(buffer);
                if (sender == null) {
                    continue;
                }
                buffer.flip();
                received.incrementAndGet();
                if (!misbehave) {
                    channel.send(buffer, sender);
                    continue;
                }
                synchronized (this) {
                    long seq = buffer.remaining() >= 8 ? buffer.getLong(0) : -1;
                    ByteBuffer release = held.remove(sender);
                    switch ((int) (seq % 10)) {
                        case 3 -> dropped.incrementAndGet();
                        case 5 -> {
                            channel.send(buffer.duplicate(), sender);
                            channel.send(buffer, sender);
                            duplicated.incrementAndGet();
                        }
                        case 7 -> {
                            ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
                            copy.put(buffer).flip();
                            held.put(sender, copy);
                        }
                        default -> channel.send(buffer, sender);
                    }
                    if (release != null) {
                        channel.send(release, sender);
                        reordered.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // A client socket went away (e.g. a Unix client file removed): carry on.
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing.
        }
        if (endpoint.transport() == Transport.UNIX_DGRAM) {
            try {
                Files.deleteIfExists(endpoint.path());
            } catch (IOException ignored) {
                // The test's temporary folder goes anyway.
            }
        }
    }
}
