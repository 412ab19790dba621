package dev.sockbench.loadgen.engine;

import dev.sockbench.loadgen.client.Connection;
import dev.sockbench.loadgen.recording.Tally;

/**
 * Closed loop (closed, ping-pong and stream shapes): each connection keeps {@code depth} requests
 * in flight, sending as soon as an echo frees room, until the measured interval ends. A request's
 * intended time is its send time.
 */
final class ClosedDriver implements Driver {
    private final EventLoop loop;

    ClosedDriver(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void begin(long nowNs) {
        for (Connection c : loop.connections) {
            if (c.isOpen()) {
                fill(c);
            }
        }
    }

    @Override
    public void onRoom(Connection c, long nowNs) {
        fill(c);
    }

    /** Tops the connection up to its depth, in one write on a stream. */
    private void fill(Connection c) {
        long sentNs = loop.now();
        if (sentNs >= loop.measureEndNs) {
            return;
        }
        if (!c.streamOriented() && !loop.flush(c)) {
            // A datagram the socket could not take yet still waits; writability brings it back.
            return;
        }
        Tally tally = loop.period().tally();
        while (c.isOpen() && c.hasRoom()) {
            if (tally.measured(sentNs)) {
                tally.requestsIntended++;
            }
            loop.send(c, sentNs, sentNs);
            if (!c.streamOriented() && !loop.flush(c)) {
                return;
            }
        }
        if (c.streamOriented() && c.isOpen()) {
            loop.flush(c);
        }
    }
}
