package dev.sockbench.servers.common;

import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.handler.RequestHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's {@link Handling} at run time, shared by all its connections: the {@link
 * RequestHandler}, the pool an event-loop model hands requests to ({@code --offload N}; null when
 * 0), and the count of connections closed on a malformed request.
 */
public final class HandlerRuntime {
    private final Handling handling;
    private final RequestHandler handler;
    private final ExecutorService offload;
    private final LongAdder malformed = new LongAdder();

    HandlerRuntime(Handling handling) {
        this.handling = handling;
        this.handler = handling.plainEcho() ? null : RequestHandler.of(handling);
        this.offload = handling.offload() == 0
                ? null
                : Executors.newFixedThreadPool(
                        handling.offload(),
                        Thread.ofPlatform().name("offload-", 0).daemon(true).factory());
    }

    /** True for the plain echo: the model's echo path, no handler. */
    public boolean plainEcho() {
        return handling.plainEcho();
    }

    /** The handler; null for the plain echo. */
    public RequestHandler handler() {
        return handler;
    }

    /** The pool to run the handler on ({@code --offload N}); null to run it where the request was read. */
    public ExecutorService offload() {
        return offload;
    }

    /** Counts a connection closed because its request did not decode. */
    public void malformed() {
        malformed.increment();
    }

    long malformedRequests() {
        return malformed.sum();
    }

    /** Stops the pool: work queued for connections that are closing anyway is dropped. */
    void close() {
        if (offload != null) {
            offload.shutdownNow();
            try {
                offload.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
