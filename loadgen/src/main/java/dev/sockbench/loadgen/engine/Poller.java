package dev.sockbench.loadgen.engine;

import dev.sockbench.loadgen.client.Connection;
import java.io.IOException;
import java.nio.channels.Selector;

/**
 * How an {@link EventLoop} waits: for sockets to be ready, or for time to pass. {@link
 * SelectorPoller} does it with a NIO selector and the machine's clock; tests drive the same loop
 * over a simulated network on an injected clock, so the pacing and accounting they check are the
 * production code's.
 *
 * <p>Not thread-safe but for {@link #wakeup}: owned by one loop.
 */
public interface Poller {
    /** Receives each ready connection. */
    @FunctionalInterface
    interface ReadyHandler {
        /** @param readyOps {@link java.nio.channels.SelectionKey} ready bits */
        void onReady(Connection connection, int readyOps);
    }

    /** Sets who receives ready connections; once, before the first poll. */
    void handler(ReadyHandler handler);

    /** The selector real sockets register with; null where none is used (a simulation). */
    Selector selector();

    /** Hands every ready connection to the handler without waiting; returns how many there were. */
    int pollNow() throws IOException;

    /** Waits up to {@code timeoutMs} (at least 1) for readiness, then as {@link #pollNow}. */
    int poll(long timeoutMs) throws IOException;

    /** Sleeps about {@code ns} without watching the sockets. */
    void park(long ns);

    /** One turn of a polling loop that found nothing: keeps the CPU, or gives it away when {@code yield}. */
    void pause(boolean yield);

    /** Makes a {@link #poll} in progress return; any thread. */
    void wakeup();

    /** Releases the selector. */
    void close();
}
