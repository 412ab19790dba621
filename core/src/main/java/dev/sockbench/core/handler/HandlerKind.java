package dev.sockbench.core.handler;

import dev.sockbench.core.cli.Identified;

/**
 * What a server does with a request's body ({@code --handler}), shared by the server and the load
 * generator: echo it, or decode an order message, price it and encode the reply, as JSON or as
 * protobuf. The payload's header (sequence, send time) stays in front either way.
 */
public enum HandlerKind implements Identified {
    /** The payload comes back unchanged. */
    ECHO("echo", null),
    /** The body is an {@link Order} in JSON (Jackson). */
    JSON("json", new JsonOrderCodec()),
    /** The body is an {@link Order} in protobuf ({@code order.proto}). */
    PROTOBUF("protobuf", new ProtobufOrderCodec());

    private final String id;
    private final OrderCodec codec;

    HandlerKind(String id, OrderCodec codec) {
        this.id = id;
        this.codec = codec;
    }

    @Override
    public String id() {
        return id;
    }

    /** The order codec; null for {@link #ECHO}. Thread-safe. */
    public OrderCodec codec() {
        return codec;
    }

    /** @throws IllegalArgumentException naming the accepted ids */
    public static HandlerKind fromId(String id) {
        return Identified.byId(HandlerKind.class, "handler", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
