package dev.sockbench.loadgen.client;

import java.io.IOException;

/** The server closed a stream connection (end of stream). Counted as a {@code read} error. */
public final class ClosedByPeerException extends IOException {
    private static final long serialVersionUID = 1L;

    public ClosedByPeerException() {
        super("connection closed by the server");
    }
}
