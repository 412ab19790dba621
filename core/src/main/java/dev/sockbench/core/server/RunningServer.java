package dev.sockbench.core.server;

import dev.sockbench.core.transport.Endpoint;

/**
 * A server that has bound its socket and is echoing. Returned by {@link ServerModel#start} only
 * once the socket is bound and accepting (or receiving), so a client may connect at once.
 */
public interface RunningServer extends AutoCloseable {

    /** The bound address: the real port when port 0 was asked for, the socket file for Unix. */
    Endpoint endpoint();

    /**
     * Stops accepting, closes every connection, stops the model's threads and deletes a Unix
     * socket file it created. Idempotent; returns when the threads have stopped.
     */
    @Override
    void close();
}
