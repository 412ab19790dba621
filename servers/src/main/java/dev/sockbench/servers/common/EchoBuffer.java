package dev.sockbench.servers.common;

import dev.sockbench.core.handler.MalformedRequestException;
import dev.sockbench.core.handler.RequestHandler;
import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.LengthFraming;
import java.nio.ByteBuffer;

/**
 * One stream connection's bytes in a non-blocking model (NIO selector, NIO.2, FFM): what was read,
 * which part of it is whole frames to echo, and the partial frame kept for the next read. One
 * direct buffer per connection, reused; it grows only when a frame is larger than it, never beyond
 * {@code --max-frame}, and never on a length that failed the check.
 *
 * <pre>{@code
 * channel.read(echo.readBuffer());          // fill
 * if (echo.prepareEcho()) {                 // whole frames ready?
 *     channel.write(echo.writeBuffer());    // drain (maybe over several writes)
 *     if (!echo.writeBuffer().hasRemaining()) {
 *         echo.echoed();                    // keep the partial tail, back to filling
 *     }
 * }
 * }</pre>
 *
 * With {@code raw} framing every byte read is echoed as it comes. With a handler, {@link #answer}
 * replaces the whole frames by the handler's replies before they are drained (on the loop, or on
 * an offload thread while the loop leaves the connection alone). Not thread-safe: one connection,
 * one thread at a time.
 */
public final class EchoBuffer {
    /**
     * Starting size: a frame of the default 64-byte payload fits many times over, and 10,000 idle
     * connections cost 80 MiB of direct memory.
     */
    public static final int INITIAL_BYTES = 8 * 1024;

    private final Framing framing;
    private final int maxFrameBytes;
    // Fill mode: [0, position) received. Drain mode: [position, limit) to write, [limit, heldBytes) the tail.
    private ByteBuffer buffer;
    private int heldBytes;
    // With a handler: the replies to the whole frames (drain mode), while answered is true.
    private ByteBuffer replies;
    private byte[] request = new byte[0];
    private boolean answered;

    public EchoBuffer(Framing framing, int maxFrameBytes) {
        this.framing = framing;
        this.maxFrameBytes = maxFrameBytes;
        this.buffer = ByteBuffer.allocateDirect(INITIAL_BYTES);
    }

    /** The buffer to read into (fill mode); always has room. */
    public ByteBuffer readBuffer() {
        return buffer;
    }

    /**
     * After a read: switches to drain mode over the whole frames received, if any.
     *
     * @return true when {@link #writeBuffer()} has bytes to echo; false to read more first
     * @throws FrameLengthException when a length prefix is out of range: close the connection
     */
    public boolean prepareEcho() throws FrameLengthException {
        heldBytes = buffer.position();
        buffer.flip();
        int echoBytes = framing == Framing.RAW ? heldBytes : wholeFrameBytes(buffer, maxFrameBytes);
        if (echoBytes == 0) {
            buffer.limit(buffer.capacity()).position(heldBytes);
            growForPartialFrame();
            return false;
        }
        buffer.limit(echoBytes);
        return true;
    }

    /**
     * After {@link #prepareEcho()} returned true: hands each whole frame's payload to {@code
     * handler} and makes its replies, each framed, what {@link #writeBuffer()} drains.
     *
     * @throws MalformedRequestException when a request does not decode: close the connection
     */
    public void answer(RequestHandler handler) throws MalformedRequestException {
        int replyBytes = 0;
        if (replies != null) {
            replies.clear();
        }
        while (buffer.hasRemaining()) {
            int length = buffer.getInt(); // checked by prepareEcho
            if (request.length < length) {
                request = new byte[length];
            }
            buffer.get(request, 0, length);
            byte[] reply = handler.reply(request, 0, length);
            replyBytes += LengthFraming.PREFIX_BYTES + reply.length;
            if (replies == null || replies.remaining() < LengthFraming.PREFIX_BYTES + reply.length) {
                ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(INITIAL_BYTES, 2 * replyBytes));
                if (replies != null) {
                    bigger.put(replies.flip());
                }
                replies = bigger;
            }
            replies.putInt(reply.length).put(reply);
        }
        replies.flip();
        answered = true;
    }

    /** The bytes to write (drain mode): the frames to echo, or their replies after {@link #answer}. */
    public ByteBuffer writeBuffer() {
        return answered ? replies : buffer;
    }

    /** After {@link #writeBuffer()} is drained: keeps the partial frame behind it, back to fill mode. */
    public void echoed() {
        answered = false;
        buffer.limit(heldBytes);
        buffer.compact();
        growForPartialFrame();
    }

    /** Bytes at the buffer's position that make up whole frames (0 when the first is partial). */
    static int wholeFrameBytes(ByteBuffer buffer, int maxFrameBytes) throws FrameLengthException {
        int start = buffer.position();
        int end = start;
        int frameBytes;
        try {
            while ((frameBytes = LengthFraming.completeFrameBytes(buffer, maxFrameBytes)) != LengthFraming.NEED_MORE) {
                end += frameBytes;
                buffer.position(end);
            }
        } finally {
            buffer.position(start);
        }
        return end - start;
    }

    /** A partial frame larger than the buffer needs a bigger one, or the next read has no room. */
    private void growForPartialFrame() {
        if (framing == Framing.RAW || buffer.position() < LengthFraming.PREFIX_BYTES) {
            return;
        }
        // The prefix passed the range check in prepareEcho, so this is at most maxFrameBytes + 4.
        int frameBytes = LengthFraming.PREFIX_BYTES + buffer.getInt(0);
        if (frameBytes > buffer.capacity()) {
            int newCapacity = (int) Math.min(
                    (long) LengthFraming.PREFIX_BYTES + maxFrameBytes, Math.max(frameBytes, 2L * buffer.capacity()));
            ByteBuffer bigger = ByteBuffer.allocateDirect(newCapacity);
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }
}
