package dev.sockbench.core.handler;

import java.io.IOException;

/**
 * A request the handler cannot decode (or whose numbers overflow): the server closes that
 * connection and counts it. An {@link IOException}, so every model's "the connection ends" path
 * takes it.
 */
public final class MalformedRequestException extends IOException {
    public MalformedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
