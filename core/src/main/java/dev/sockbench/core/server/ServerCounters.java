package dev.sockbench.core.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a running server counts, updated from its I/O threads. Counted per connection or per
 * error, never per message, so the echo path stays free of shared writes. Thread-safe.
 */
public final class ServerCounters {
    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder connectionsClosed = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder ioErrors = new LongAdder();

    public void connectionAccepted() {
        connectionsAccepted.increment();
    }

    public void connectionClosed() {
        connectionsClosed.increment();
    }

    /** A frame length out of range: the connection was closed. */
    public void protocolError() {
        protocolErrors.increment();
    }

    /** An I/O failure other than an orderly close by the peer. */
    public void ioError() {
        ioErrors.increment();
    }

    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    public long connectionsClosed() {
        return connectionsClosed.sum();
    }

    /** Connections accepted and not yet closed. */
    public long connectionsOpen() {
        return connectionsAccepted.sum() - connectionsClosed.sum();
    }

    public long protocolErrors() {
        return protocolErrors.sum();
    }

    public long ioErrors() {
        return ioErrors.sum();
    }

    @Override
    public String toString() {
        return "accepted=" + connectionsAccepted() + " closed=" + connectionsClosed() + " protocolErrors="
                + protocolErrors() + " ioErrors=" + ioErrors();
    }
}
