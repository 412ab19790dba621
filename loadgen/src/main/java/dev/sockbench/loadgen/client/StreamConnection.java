package dev.sockbench.loadgen.client;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A TCP or Unix stream connection ({@link SocketChannel}). Requests are framed with {@code length}
 * ({@code [u32 length][payload]}) or sent {@code raw} (fixed-size payloads, no prefix: RFC 862
 * echo); echoes come back in order, so each must carry the sequence number of the oldest request
 * in flight. Several requests in flight (pipelining, {@code --depth}) are queued into one write.
 *
 * <p>Buffers are direct, so the kernel reads into and writes from them with no copy through a
 * temporary buffer; nothing is allocated per request.
 */
public final class StreamConnection extends OrderedConnection {
    private final Payload payload;
    private final int payloadBytes;
    private final int replyBytes;
    private final boolean lengthPrefixed;
    private final ByteBuffer out;
    private final ByteBuffer in;
    private SocketChannel channel;

    StreamConnection(ClientOptions options, int index) {
        super(options, index);
        this.payload = Payload.forHandler(options.handler(), options.payloadBytes(), options.seed());
        this.payloadBytes = payload.payloadBytes();
        this.replyBytes = payload.replyBytes();
        this.lengthPrefixed = options.framing() == Framing.LENGTH;
        int prefixBytes = lengthPrefixed ? LengthFraming.PREFIX_BYTES : 0;
        this.out = ByteBuffer.allocateDirect(Math.multiplyExact(payloadBytes + prefixBytes, options.depth()));
        // Room for every reply that can be in flight: one read takes them all.
        this.in = ByteBuffer.allocateDirect(
                Math.max(4096, Math.multiplyExact(replyBytes + prefixBytes, options.depth())));
    }

    @Override
    public boolean open(Selector selector) throws IOException {
        close();
        SocketAddress address = options.target().socketAddress();
        channel = SocketChannel.open(
                options.target().transport() == Transport.UNIX_STREAM
                        ? StandardProtocolFamily.UNIX
                        : ((InetSocketAddress) address).getAddress() instanceof java.net.Inet6Address
                                ? StandardProtocolFamily.INET6
                                : StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        if (options.target().transport() == Transport.TCP) {
            // A request is one small write; waiting to coalesce it (Nagle) would add latency.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        boolean connected;
        try {
            connected = channel.connect(address);
        } catch (IOException e) {
            close();
            throw e;
        }
        key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        return connected;
    }

    @Override
    public boolean finishConnect() throws IOException {
        if (!channel.finishConnect()) {
            return false;
        }
        key.interestOps(SelectionKey.OP_READ);
        return true;
    }

    @Override
    public void send(long intendedNs, long sentNs, Tally tally) {
        long seq = inFlight.add(intendedNs, sentNs);
        if (lengthPrefixed) {
            LengthFraming.putPrefix(out, payloadBytes);
        }
        payload.write(out, seq, sentNs);
    }

    @Override
    public boolean flush(Tally tally) throws IOException {
        if (out.position() == 0) {
            return true;
        }
        out.flip();
        channel.write(out);
        out.compact();
        boolean done = out.position() == 0;
        writeInterest(!done);
        return done;
    }

    @Override
    public int read(long nowNs, LatencyRecorder recorder, Tally tally) throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            throw new ClosedByPeerException();
        }
        if (in.position() == 0) {
            return 0;
        }
        in.flip();
        int answered = 0;
        while (true) {
            int start = in.position();
            int payloadAt = start;
            if (lengthPrefixed) {
                if (in.remaining() < LengthFraming.PREFIX_BYTES) {
                    break;
                }
                long length = Integer.toUnsignedLong(in.getInt(start));
                if (length != replyBytes) {
                    throw new EchoMismatchException("echo frame of " + length + " bytes, expected " + replyBytes);
                }
                payloadAt = start + LengthFraming.PREFIX_BYTES;
            }
            if (in.limit() - payloadAt < replyBytes) {
                break;
            }
            if (inFlight.isEmpty()) {
                throw new EchoMismatchException("echo with no request in flight");
            }
            long seq = Payload.sequenceAt(in, payloadAt);
            if (seq != inFlight.headSequence()) {
                throw new EchoMismatchException("echo of sequence " + seq + ", expected " + inFlight.headSequence());
            }
            if (!payload.bodyMatches(in, payloadAt, replyBytes)) {
                throw new EchoMismatchException("echo body of sequence " + seq + " differs from the expected reply ("
                        + options.handler() + ")");
            }
            inFlight.answerHead(nowNs, recorder, tally);
            answered++;
            in.position(payloadAt + replyBytes);
        }
        in.compact();
        return answered;
    }

    @Override
    public void close() {
        closeChannel(channel);
        channel = null;
        out.clear();
        in.clear();
        // Requests still in flight died with the socket; the failure itself was counted once.
        inFlight.clear();
    }

    @Override
    public boolean isOpen() {
        return channel != null && channel.isOpen();
    }
}
