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
     * Connections the server failed to accept since it started (e.g. out of file descriptors,
     * {@code EMFILE}); after each failure it stops accepting for a while instead of retrying at
     * once. Always 0 for datagram transports.
     */
    long acceptFailures();

    /**
     * Connections closed because a request did not decode ({@code --handler json} or {@code
     * protobuf}: {@link dev.sockbench.core.handler.MalformedRequestException}) since the server
     * started; 0 for the plain echo, which never looks inside a payload.
     */
    default long malformedRequests() {
        return 0;
    }

    /**
     * Stops accepting, closes every connection, stops the model's threads and deletes a Unix
     * socket file it created. Idempotent; returns when the threads have stopped.
     */
    @Override
    void close();
}
