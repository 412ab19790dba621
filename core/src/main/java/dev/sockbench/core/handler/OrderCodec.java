package dev.sockbench.core.handler;

/** Encodes and decodes an {@link Order}: one per wire format, thread-safe. */
public interface OrderCodec {
    byte[] encode(Order order);

    /**
     * The order in {@code bytes[offset, offset + length)}.
     *
     * @throws MalformedRequestException when those bytes are not an order in this format
     */
    Order decode(byte[] bytes, int offset, int length) throws MalformedRequestException;
}
