package dev.sockbench.core.protocol;

import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.handler.MalformedRequestException;
import dev.sockbench.core.handler.OrderCodec;
import dev.sockbench.core.handler.Orders;
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
 * big-endian. With the echo handler servers echo it unchanged and never look inside; the body is
 * pseudo-random bytes fixed per instance (seeded). With the {@code json} and {@code protobuf}
 * handlers ({@link #forHandler}) the body is an order built from the seed and the reply's body is
 * that order priced, encoded the same way. Either way the body of the reply is known in advance,
 * so a client checks a reply by its length, its sequence number and the CRC32C of its body,
 * computed once: a reply that does not decode, or decodes to other content, fails it.
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
    private final int replyBodyBytes;
    private final int bodyCrc32c;
    private final CRC32C crc = new CRC32C();

    /**
     * @param payloadBytes whole payload size, header included; at least {@link #HEADER_BYTES}
     * @param seed seeds the body bytes
     */
    public Payload(int payloadBytes, long seed) {
        this(randomBody(payloadBytes, seed), null);
    }

    /** A request of {@code body} whose reply's body is {@code replyBody} (null: the body, echoed). */
    private Payload(byte[] body, byte[] replyBody) {
        this.body = body;
        byte[] expected = replyBody != null ? replyBody : body;
        replyBodyBytes = expected.length;
        crc.update(expected, 0, expected.length);
        bodyCrc32c = (int) crc.getValue();
    }

    /**
     * The payload of {@code handler}: {@link #Payload(int, long)} for echo; for {@code json} and
     * {@code protobuf} an order of about {@code payloadBytes} of JSON ({@link Orders#request}: the
     * same order in both codecs, so protobuf's payload is smaller) and its priced reply.
     */
    public static Payload forHandler(HandlerKind handler, int payloadBytes, long seed) {
        OrderCodec codec = handler.codec();
        if (codec == null) {
            return new Payload(payloadBytes, seed);
        }
        checkSize(payloadBytes);
        var order = Orders.request(seed, payloadBytes - HEADER_BYTES);
        try {
            return new Payload(codec.encode(order), codec.encode(Orders.price(order)));
        } catch (MalformedRequestException e) {
            throw new IllegalStateException("a generated order cannot be priced", e);
        }
    }

    private static byte[] randomBody(int payloadBytes, long seed) {
        checkSize(payloadBytes);
        byte[] body = new byte[payloadBytes - HEADER_BYTES];
        new SplittableRandom(seed).nextBytes(body);
        return body;
    }

    private static void checkSize(int payloadBytes) {
        if (payloadBytes < HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "payload of " + payloadBytes + " bytes is smaller than its " + HEADER_BYTES + "-byte header");
        }
    }

    /** Whole payload size, header included. */
    public int payloadBytes() {
        return HEADER_BYTES + body.length;
    }

    /** Whole size of the reply's payload, header included: {@link #payloadBytes()} for the echo. */
    public int replyBytes() {
        return HEADER_BYTES + replyBodyBytes;
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
     * True when the {@code length} bytes at {@code offset} are a reply of the expected size ({@link
     * #replyBytes()}) whose body has the expected CRC32C. Reads absolutely; the buffer's position
     * and limit are unchanged.
     */
    public boolean bodyMatches(ByteBuffer src, int offset, int length) {
        if (length != replyBytes()) {
            return false;
        }
        crc.reset();
        if (src.hasArray()) {
            crc.update(src.array(), src.arrayOffset() + offset + HEADER_BYTES, replyBodyBytes);
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
