package dev.sockbench.servers.common;

import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.transport.Endpoint;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every model's running server shares: the bound endpoint, an idempotent
 * {@link #close()} and the socket file's removal. A subclass binds and starts its threads in
 * {@link #start()}, calls {@link #bound} with the real address, and stops in {@link #stop()}.
 * A model returns {@code EchoServer.started(new MyServer(config))}: a start that fails halfway is
 * closed, so it never leaks a thread or a socket.
 */
public abstract class EchoServer implements RunningServer {
    /** How this server's acceptor backs off from, and counts, failed accepts. */
    protected final AcceptBackoff acceptBackoff = new AcceptBackoff();

    /** What this server does with each request; its handler pool stops when the server does. */
    protected final HandlerRuntime handling;

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Endpoint endpoint;

    /** A server of the plain echo. */
    protected EchoServer() {
        this(Handling.ECHO);
    }

    /** A server that serves {@code handling} (the plain echo or a handler). */
    protected EchoServer(Handling handling) {
        this.handling = new HandlerRuntime(handling);
    }

    /**
     * Starts {@code server}; on failure closes what it had started and rethrows.
     *
     * @return the server, bound and serving
     */
    public static RunningServer started(EchoServer server) throws IOException {
        try {
            server.start();
            return server;
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /**
     * Claims the socket file ({@link SocketFiles#claim}), binds, starts the model's threads and
     * calls {@link #bound}. Returns once a client may connect.
     */
    protected abstract void start() throws IOException;

    /** Records the address actually bound; from then on {@link #close()} deletes its socket file. */
    protected final void bound(Endpoint actual) {
        this.endpoint = actual;
    }

    /** True once {@link #close()} was called: I/O errors after it are the shutdown, not failures. */
    protected final boolean closing() {
        return closed.get();
    }

    @Override
    public final Endpoint endpoint() {
        Endpoint e = endpoint;
        if (e == null) {
            throw new IllegalStateException("not bound");
        }
        return e;
    }

    @Override
    public final long acceptFailures() {
        return acceptBackoff.failures();
    }

    @Override
    public final long malformedRequests() {
        return handling.malformedRequests();
    }

    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stop();
        } finally {
            handling.close();
            SocketFiles.release(endpoint);
        }
    }

    /**
     * Stops accepting, closes every connection and waits for the model's threads to end. Called
     * once; must cope with a start that failed halfway (fields still null).
     */
    protected abstract void stop();
}
