package dev.sockbench.core.protocol;

import java.nio.ByteBuffer;

/**
 * The {@code length} framing of stream transports: {@code [u32 big-endian length][payload]},
 * where {@code length} counts the payload bytes only and must lie in
 * {@code [Payload.HEADER_BYTES, maxFrameBytes]}.
 *
 * <p>A read may return part of a frame, or several frames; {@link #completeFrameBytes} tells a
 * non-blocking reader how much of its buffer is one whole frame, so that it can echo whole frames
 * and keep the tail for the next read:
 *
 * <pre>{@code
 * int frame;
 * while ((frame = LengthFraming.completeFrameBytes(in, maxFrameBytes)) != LengthFraming.NEED_MORE) {
 *     // bytes [in.position(), in.position() + frame) are one frame, prefix included
 *     in.position(in.position() + frame);
 * }
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class LengthFraming {
    /** Size of the length prefix. */
    public static final int PREFIX_BYTES = 4;
    /** Default cap on a frame's payload ({@code --max-frame}): 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    /** Returned by {@link #completeFrameBytes} when the buffer does not yet hold a whole frame. */
    public static final int NEED_MORE = -1;

    private LengthFraming() {}

    /**
     * Checks a payload length read from a prefix.
     *
     * @param payloadBytes the prefix read as an unsigned 32-bit number
     * @throws FrameLengthException when it is below the payload header or above the cap
     */
    public static void checkPayloadBytes(long payloadBytes, int maxFrameBytes) throws FrameLengthException {
        if (payloadBytes < Payload.HEADER_BYTES || payloadBytes > maxFrameBytes) {
            throw new FrameLengthException(payloadBytes, maxFrameBytes);
        }
    }

    /**
     * Reads the prefix at the buffer's position without moving it.
     *
     * @return the size of the whole frame starting at {@code buffer.position()}, prefix included,
     *     when all of it is between position and limit; otherwise {@link #NEED_MORE}
     * @throws FrameLengthException as soon as a complete prefix is out of range, even when the
     *     payload has not arrived
     */
    public static int completeFrameBytes(ByteBuffer buffer, int maxFrameBytes) throws FrameLengthException {
        int available = buffer.remaining();
        if (available < PREFIX_BYTES) {
            return NEED_MORE;
        }
        long payloadBytes = Integer.toUnsignedLong(buffer.getInt(buffer.position()));
        checkPayloadBytes(payloadBytes, maxFrameBytes);
        int frameBytes = PREFIX_BYTES + (int) payloadBytes;
        return available >= frameBytes ? frameBytes : NEED_MORE;
    }

    /** Writes the prefix for a payload of {@code payloadBytes} at the buffer's position. */
    public static void putPrefix(ByteBuffer buffer, int payloadBytes) {
        buffer.putInt(payloadBytes);
    }
}
