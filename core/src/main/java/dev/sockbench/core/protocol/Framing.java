package dev.sockbench.core.protocol;

import dev.sockbench.core.cli.Identified;

/**
 * How messages are delimited on a stream transport. Datagram transports need no framing: one
 * datagram is one message, whatever framing is chosen.
 */
public enum Framing implements Identified {
    /** {@code [u32 big-endian length][payload]}; see {@link LengthFraming}. */
    LENGTH("length", "u32 big-endian length prefix, then the payload"),
    /** RFC 862 echo: fixed-size messages, no prefix; drives any third-party echo server. */
    RAW("raw", "fixed-size messages with no prefix (RFC 862 echo)");

    private final String id;
    private final String description;

    Framing(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** @throws IllegalArgumentException naming the accepted ids */
    public static Framing fromId(String id) {
        return Identified.byId(Framing.class, "framing", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
