package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A blocking test client for the stream transports (TCP, Unix stream): writes bytes exactly as
 * told and reads echoes back. A test's {@code @Timeout} interrupts a read that never returns,
 * which closes the channel.
 */
final class StreamClient implements AutoCloseable {
    private final SocketChannel channel;

    private StreamClient(SocketChannel channel) {
        this.channel = channel;
    }

    static StreamClient connect(Endpoint endpoint) throws IOException {
        SocketChannel channel = endpoint.transport() == Transport.TCP
                ? SocketChannel.open(StandardProtocolFamily.INET)
                : SocketChannel.open(StandardProtocolFamily.UNIX);
        if (endpoint.transport() == Transport.TCP) {
            // Each write leaves as its own segment, so split frames really arrive split.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        channel.connect(endpoint.socketAddress());
        return new StreamClient(channel);
    }

    /** A whole {@code length} frame: prefix plus a payload with this sequence number. */
    static ByteBuffer frame(Payload payload, long sequence) {
        ByteBuffer frame = ByteBuffer.allocate(LengthFraming.PREFIX_BYTES + payload.payloadBytes());
        LengthFraming.putPrefix(frame, payload.payloadBytes());
        payload.write(frame, sequence, System.nanoTime());
        return frame.flip();
    }

    SocketAddress localAddress() throws IOException {
        return channel.getLocalAddress();
    }

    void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Reads exactly {@code length} bytes. */
    ByteBuffer readExactly(int length) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(length);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new EOFException("server closed after " + in.position() + " of " + length + " bytes");
            }
        }
        return in.flip();
    }

    /** Bytes that have arrived already: a non-blocking read, put back into blocking mode after. */
    int availableWithoutWaiting() throws IOException {
        channel.configureBlocking(false);
        try {
            int n = channel.read(ByteBuffer.allocate(1 << 16));
            return Math.max(n, 0);
        } finally {
            channel.configureBlocking(true);
        }
    }

    /** Sends one frame and checks that its reply comes back (the echo: exactly it). */
    void echo(Payload payload, long sequence) throws IOException {
        ByteBuffer sent = frame(payload, sequence);
        write(sent.duplicate());
        assertEcho(payload, sequence, sent);
    }

    /**
     * Reads one reply frame and checks it against {@code sent}: prefix, sequence, send time and
     * the body {@code payload} expects ({@link Payload#bodyMatches}: the echo's, or a handler's
     * reply). An echo must be {@code sent} byte for byte (a handler's reply is always longer).
     */
    void assertEcho(Payload payload, long sequence, ByteBuffer sent) throws IOException {
        ByteBuffer echoed = readExactly(LengthFraming.PREFIX_BYTES + payload.replyBytes());
        assertThat(echoed.getInt(0)).as("length prefix").isEqualTo(payload.replyBytes());
        assertThat(Payload.sequenceAt(echoed, LengthFraming.PREFIX_BYTES))
                .as("sequence")
                .isEqualTo(sequence);
        assertThat(Payload.sendTimeNsAt(echoed, LengthFraming.PREFIX_BYTES))
                .as("send time")
                .isEqualTo(Payload.sendTimeNsAt(sent, sent.position() + LengthFraming.PREFIX_BYTES));
        assertThat(payload.bodyMatches(echoed, LengthFraming.PREFIX_BYTES, payload.replyBytes()))
                .as("body of frame " + sequence)
                .isTrue();
        if (payload.replyBytes() == payload.payloadBytes()) {
            assertThat(echoed).isEqualTo(sent);
        }
    }

    /**
     * True when the server closed this connection: a read sees end of stream or a reset. Blocks
     * until one or the other (or the test's timeout).
     */
    boolean closedByServer() throws IOException {
        ByteBuffer any = ByteBuffer.allocate(1024);
        try {
            while (true) {
                if (channel.read(any) < 0) {
                    return true;
                }
                any.clear(); // anything echoed before the close is not what we wait for
            }
        } catch (IOException reset) {
            if (reset.getMessage() != null && reset.getMessage().contains("reset")) {
                return true;
            }
            throw reset;
        }
    }

    /** Reads until the server closes (end of stream or a reset), at most {@code limit} bytes kept. */
    ByteBuffer readUntilClosed(int limit) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(limit);
        try {
            while (in.hasRemaining() && channel.read(in) >= 0) {
                // keep reading
            }
        } catch (IOException reset) {
            if (reset.getMessage() == null || !reset.getMessage().contains("reset")) {
                throw reset;
            }
        }
        return in.flip();
    }

    /** Closes the sending side only (a FIN); reads go on. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Closes with a reset instead of a FIN (TCP only: SO_LINGER 0). */
    void abort() throws IOException {
        if (channel.supportedOptions().contains(StandardSocketOptions.SO_LINGER)) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        channel.close();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
