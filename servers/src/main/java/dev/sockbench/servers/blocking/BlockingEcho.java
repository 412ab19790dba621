package dev.sockbench.servers.blocking;

import dev.sockbench.core.handler.RequestHandler;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.servers.common.Sockets;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The echo as blocking code writes it: read, check, read the rest, write. The same code runs on a
 * platform thread, a virtual thread or a pool thread; only who supplies the thread differs.
 */
public final class BlockingEcho {
    private static final int DATAGRAM_BYTES = Sockets.DATAGRAM_BUFFER_BYTES;

    private static final int RAW_CHUNK_BYTES = 8 * 1024;

    private BlockingEcho() {}

    /**
     * Echoes {@code length} frames until the peer closes ({@link java.io.EOFException}).
     *
     * @throws dev.sockbench.core.protocol.FrameLengthException on a length out of range: nothing of
     *     the claimed size was allocated or read
     */
    static void echoFrames(DataInputStream in, DataOutputStream out, int maxFrameBytes) throws IOException {
        byte[] payload = new byte[1024];
        while (true) {
            payload = echoFrame(in, out, payload, maxFrameBytes);
        }
    }

    /**
     * Echoes one {@code length} frame, reading its payload into {@code payload} or, when it is
     * larger, into a new array: the array to pass next time (a connection's buffer grows to the
     * largest frame it sent, then is reused). Public for the handler benchmark.
     */
    public static byte[] echoFrame(DataInputStream in, DataOutputStream out, byte[] payload, int maxFrameBytes)
            throws IOException {
        int length = in.readInt();
        LengthFraming.checkPayloadBytes(Integer.toUnsignedLong(length), maxFrameBytes);
        byte[] into = length > payload.length ? new byte[length] : payload;
        in.readFully(into, 0, length);
        out.writeInt(length);
        out.write(into, 0, length);
        out.flush();
        return into;
    }

    /**
     * Answers {@code length} frames with {@code handler}'s replies until the peer closes: read a
     * request, handle it (its work included) on this thread, write the reply.
     *
     * @throws dev.sockbench.core.handler.MalformedRequestException when a request does not decode
     */
    static void answerFrames(DataInputStream in, DataOutputStream out, int maxFrameBytes, RequestHandler handler)
            throws IOException {
        byte[] payload = new byte[1024];
        while (true) {
            int length = in.readInt();
            LengthFraming.checkPayloadBytes(Integer.toUnsignedLong(length), maxFrameBytes);
            if (length > payload.length) {
                payload = new byte[length];
            }
            in.readFully(payload, 0, length);
            byte[] reply = handler.reply(payload, 0, length);
            out.writeInt(reply.length);
            out.write(reply);
            out.flush();
        }
    }

    /** Echoes bytes as they come ({@code raw} framing) until the peer closes. */
    static void echoBytes(DataInputStream in, DataOutputStream out) throws IOException {
        byte[] chunk = new byte[RAW_CHUNK_BYTES];
        int n;
        while ((n = in.read(chunk)) != -1) {
            out.write(chunk, 0, n);
            out.flush();
        }
    }

    /** Sends every datagram back to its sender, unchanged, until the channel is closed. */
    static void echoDatagrams(DatagramChannel channel) throws IOException {
        // Direct, so the channel reads into it: junixsocket (2.10.1) copies a heap buffer through a
        // pooled direct buffer, and concurrent virtual threads were seen to get each other's data.
        ByteBuffer datagram = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
        while (true) {
            datagram.clear();
            SocketAddress sender = channel.receive(datagram);
            datagram.flip();
            channel.send(datagram, sender);
        }
    }
}
