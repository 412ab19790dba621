package dev.sockbench.core.handler;

import dev.sockbench.core.protocol.Payload;
import java.util.Arrays;

/**
 * The server side of a {@link Handling}, one instance per server, shared by its threads: a request
 * payload in, its reply payload out. The header (sequence, send time) is copied to the front of
 * the reply; for {@code json} and {@code protobuf} the body is decoded into an {@link Order},
 * priced ({@link Orders#price}) and encoded; then the work is done, on the calling thread.
 * Models call it only when {@link Handling#plainEcho()} is false.
 */
public final class RequestHandler {
    private final OrderCodec codec;
    private final Work work;

    private RequestHandler(Handling handling) {
        this.codec = handling.handler().codec();
        this.work = handling.work();
    }

    /**
     * The handler of {@code handling}, its work calibrated and its codec primed: one order encoded,
     * decoded and priced now, so the first request does not pay for Jackson's serializers or
     * protobuf's classes (a cold JSON server took over a second to answer the generator's probe on
     * a loaded machine).
     */
    public static RequestHandler of(Handling handling) {
        handling.work().prepare();
        OrderCodec codec = handling.handler().codec();
        if (codec != null) {
            byte[] sample = codec.encode(Orders.request(0, 0));
            try {
                codec.encode(Orders.price(codec.decode(sample, 0, sample.length)));
            } catch (MalformedRequestException e) {
                throw new IllegalStateException("the handler cannot read its own order", e);
            }
        }
        return new RequestHandler(handling);
    }

    /**
     * The reply to the payload in {@code request[offset, offset + length)}.
     *
     * @throws MalformedRequestException when the body is not an order of the handler's format
     */
    public byte[] reply(byte[] request, int offset, int length) throws MalformedRequestException {
        if (length < Payload.HEADER_BYTES) {
            throw new MalformedRequestException("a payload of " + length + " bytes has no header", null);
        }
        byte[] reply;
        if (codec == null) {
            reply = Arrays.copyOfRange(request, offset, offset + length);
        } else {
            Order order = codec.decode(request, offset + Payload.HEADER_BYTES, length - Payload.HEADER_BYTES);
            byte[] body = codec.encode(Orders.price(order));
            reply = new byte[Payload.HEADER_BYTES + body.length];
            System.arraycopy(request, offset, reply, 0, Payload.HEADER_BYTES);
            System.arraycopy(body, 0, reply, Payload.HEADER_BYTES, body.length);
        }
        work.perform();
        return reply;
    }
}
