package dev.sockbench.core.protocol;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The payload every request carries, and the check of its echo:
 *
 * <pre>
 *   [u64 sequence][u64 client send time, ns][body: payloadBytes - 16 bytes]
 * </pre>
 *
 * big-endian. Servers echo it unchanged and never look inside. The body is pseudo-random bytes
 * fixed per instance (seeded), so a client checks an echo by its sequence number and by the
 * CRC32C of its body, computed once for what it sends.
 *
 * <pre>{@code
 * Payload payload = new Payload(64, 42L);
 * ByteBuffer out = ByteBuffer.allocate(64);
 * payload.write(out, 7L, System.nanoTime());
 * out.flip();
 * assert payload.bodyMatches(out, 0, 64) && Payload.sequenceAt(out, 0) == 7L;
 * }</pre>
 *
 * Not thread-safe (the CRC state is reused): one instance per client thread.
 */
public final class Payload {
    /** Size of the header: sequence and send time. A payload is at least this long. */
    public static final int HEADER_BYTES = 16;

    private final byte[] body;
    private final int bodyCrc32c;
    private final CRC32C crc = new CRC32C();

    /**
     * @param payloadBytes whole payload size, header included; at least {@link #HEADER_BYTES}
     * @param seed seeds the body bytes
     */
    public Payload(int payloadBytes, long seed) {
        if (payloadBytes < HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "payload of " + payloadBytes + " bytes is smaller than its " + HEADER_BYTES + "-byte header");
        }
        body = new byte[payloadBytes - HEADER_BYTES];
        new SplittableRandom(seed).nextBytes(body);
        crc.update(body, 0, body.length);
        bodyCrc32c = (int) crc.getValue();
    }

    /** Whole payload size, header included. */
    public int payloadBytes() {
        return HEADER_BYTES + body.length;
    }

    /** Writes header and body at the buffer's position and advances it by {@link #payloadBytes()}. */
    public void write(ByteBuffer dst, long sequence, long sendTimeNs) {
        dst.putLong(sequence).putLong(sendTimeNs).put(body);
    }

    /** The sequence number of the payload starting at {@code offset} (absolute; position unchanged). */
    public static long sequenceAt(ByteBuffer src, int offset) {
        return src.getLong(offset);
    }

    /** The client send time, ns, of the payload starting at {@code offset} (absolute; position unchanged). */
    public static long sendTimeNsAt(ByteBuffer src, int offset) {
        return src.getLong(offset + 8);
    }

    /**
     * True when the {@code length} bytes at {@code offset} are a payload of the expected size whose
     * body has the expected CRC32C. Reads absolutely; the buffer's position and limit are unchanged.
     */
    public boolean bodyMatches(ByteBuffer src, int offset, int length) {
        if (length != payloadBytes()) {
            return false;
        }
        crc.reset();
        if (src.hasArray()) {
            crc.update(src.array(), src.arrayOffset() + offset + HEADER_BYTES, body.length);
        } else {
            // A direct buffer: narrow it in place rather than slice it, so that checking an echo
            // allocates nothing; position and limit are restored.
            int position = src.position();
            int limit = src.limit();
            src.limit(offset + length).position(offset + HEADER_BYTES);
            crc.update(src);
            src.limit(limit).position(position);
        }
        return (int) crc.getValue() == bodyCrc32c;
    }
}
