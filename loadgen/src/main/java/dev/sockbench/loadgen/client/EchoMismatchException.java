package dev.sockbench.loadgen.client;

import java.io.IOException;

/**
 * An echo that is not what was sent: wrong length, sequence number or body. Counted as a {@code
 * verify} error; a stream connection that carried it is closed, since its byte stream can no
 * longer be trusted.
 */
public final class EchoMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public EchoMismatchException(String message) {
        super(message);
    }
}
