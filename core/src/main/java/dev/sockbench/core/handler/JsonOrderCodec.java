package dev.sockbench.core.handler;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;

/** {@link Order} as JSON with Jackson databind (records, field order as declared). */
final class JsonOrderCodec implements OrderCodec {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final ObjectReader READER = MAPPER.readerFor(Order.class);
    private static final ObjectWriter WRITER = MAPPER.writerFor(Order.class);

    @Override
    public byte[] encode(Order order) {
        try {
            return WRITER.writeValueAsBytes(order);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an order as JSON", e);
        }
    }

    @Override
    public Order decode(byte[] bytes, int offset, int length) throws MalformedRequestException {
        Order order;
        try {
            order = READER.readValue(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            throw new MalformedRequestException("not a JSON order: " + e.getMessage(), e);
        }
        if (order == null || order.items() == null) {
            throw new MalformedRequestException("not a JSON order: no items", null);
        }
        return order;
    }
}
