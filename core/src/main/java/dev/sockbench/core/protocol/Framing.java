package dev.sockbench.core.protocol;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How messages are delimited on a stream transport. Datagram transports need no framing: one
 * datagram is one message, whatever framing is chosen.
 */
public enum Framing {
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

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** @throws IllegalArgumentException naming the accepted ids */
    public static Framing fromId(String id) {
        for (Framing f : values()) {
            if (f.id.equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown framing '" + id + "'; accepted: "
                + Arrays.stream(values()).map(Framing::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
