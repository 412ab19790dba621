package dev.sockbench.loadgen.client;

import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.recording.DatagramWindow;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A UDP ({@link DatagramChannel}) or Unix datagram (junixsocket {@link AFUNIXDatagramChannel})
 * client socket, connected to the server so that only its echoes are read. One datagram is one
 * request; echoes are matched by sequence number in a {@link DatagramWindow}, which counts lost,
 * late, duplicated and reordered echoes. A wrong echo is counted as a {@code verify} error and the
 * socket carries on.
 *
 * <p>A Unix datagram client binds a socket file of its own (the server replies to it), and must be
 * registered with junixsocket's own selector.
 */
public final class DatagramConnection extends Connection {
    /** Receive buffer asked for: 4 MiB (the kernel caps it at net.core.rmem_max). */
    static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    /** Echoes read per readiness event at most, so one busy socket cannot starve the others. */
    private static final int MAX_READS_PER_EVENT = 64;

    private final Payload payload;
    private final int payloadBytes;
    private final DatagramWindow window;
    private final ByteBuffer sendBuffer;
    // One byte larger than any datagram sockbench sends, so an oversized echo shows as such.
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(Transport.MAX_DATAGRAM_BYTES + 1);
    private DatagramChannel channel;
    private Path boundPath;
    private boolean sendPending;
    private long pendingSequence;
    private long pendingSentNs;

    DatagramConnection(ClientOptions options, int index) {
        super(options, index);
        this.payloadBytes = options.payloadBytes();
        this.payload = new Payload(payloadBytes, options.seed());
        this.window = new DatagramWindow(options.depth());
        this.sendBuffer = ByteBuffer.allocateDirect(payloadBytes);
    }

    @Override
    public boolean open(Selector selector) throws IOException {
        close();
        if (options.target().transport() == Transport.UNIX_DGRAM) {
            AFUNIXDatagramChannel unix = AFUNIXDatagramChannel.open();
            channel = unix;
            try {
                boundPath = options.paths().next();
                unix.bind(AFUNIXSocketAddress.of(boundPath));
                unix.connect(AFUNIXSocketAddress.of(options.target().path()));
            } catch (IOException e) {
                close();
                throw e;
            }
        } else {
            InetSocketAddress address = options.target().inetSocketAddress();
            channel = DatagramChannel.open(
                    address.getAddress() instanceof java.net.Inet6Address
                            ? StandardProtocolFamily.INET6
                            : StandardProtocolFamily.INET);
            try {
                channel.connect(address);
            } catch (IOException e) {
                close();
                throw e;
            }
        }
        channel.configureBlocking(false);
        try {
            // Echoes that overflow the generator's own receive buffer would be counted as the
            // server's losses; a large buffer keeps them the server's (capped by rmem_max).
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the kernel default then.
        }
        key = channel.register(selector, SelectionKey.OP_READ, this);
        return true;
    }

    @Override
    public boolean finishConnect() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    @Override
    public boolean streamOriented() {
        return false;
    }

    @Override
    public boolean hasRoom() {
        return !sendPending && window.hasRoom();
    }

    @Override
    public int inFlight() {
        return window.inFlight();
    }

    @Override
    public void send(long intendedNs, long sentNs, Tally tally) {
        long seq = window.open(intendedNs);
        sendBuffer.clear();
        payload.write(sendBuffer, seq, sentNs);
        sendBuffer.flip();
        sendPending = true;
        pendingSequence = seq;
        pendingSentNs = sentNs;
    }

    @Override
    public boolean flush(Tally tally) throws IOException {
        if (!sendPending) {
            return true;
        }
        // A datagram goes whole or not at all; 0 means the socket's buffer is full for now.
        if (channel.write(sendBuffer) == 0) {
            writeInterest(true);
            return false;
        }
        sendPending = false;
        window.markSent(pendingSequence, pendingSentNs, tally);
        writeInterest(false);
        return true;
    }

    @Override
    public int read(long nowNs, LatencyRecorder recorder, Tally tally) throws IOException {
        int answered = 0;
        for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
            receiveBuffer.clear();
            int n = channel.read(receiveBuffer);
            if (n <= 0) {
                break;
            }
            if (n != payloadBytes || !payload.bodyMatches(receiveBuffer, 0, n)) {
                if (tally.counting(nowNs)) {
                    tally.verifyErrors++;
                }
                continue;
            }
            long seq = Payload.sequenceAt(receiveBuffer, 0);
            switch (window.onEcho(seq, nowNs, options.timeoutNs(), tally, recorder)) {
                case DatagramWindow.RECEIVED -> {
                    answered++;
                    tally.completed(nowNs);
                    long intendedNs = window.intendedNs(seq);
                    if (tally.measured(intendedNs)) {
                        recorder.recordInBatch(intendedNs, window.sentNs(seq), nowNs);
                    }
                }
                case DatagramWindow.EXPIRED_ON_ARRIVAL -> answered++;
                case DatagramWindow.UNKNOWN -> {
                    if (tally.counting(nowNs)) {
                        tally.verifyErrors++;
                    }
                }
                default -> {
                    // Duplicated or late: counted by the window, never a latency sample.
                }
            }
        }
        return answered;
    }

    @Override
    public int expire(long nowNs, long timeoutNs, Tally tally, LatencyRecorder recorder) {
        return window.expire(nowNs, timeoutNs, tally, recorder);
    }

    @Override
    public void abandon(long timeoutNs, Tally tally, LatencyRecorder recorder) {
        sendPending = false;
        window.expireAll(timeoutNs, tally, recorder);
    }

    @Override
    public void close() {
        closeChannel(channel);
        channel = null;
        if (boundPath != null) {
            try {
                Files.deleteIfExists(boundPath);
            } catch (IOException ignored) {
                // The private folder is removed at the end of the run anyway.
            }
            boundPath = null;
        }
    }
}
