package dev.sockbench.loadgen.engine;

import dev.sockbench.loadgen.client.Connection;
import dev.sockbench.loadgen.recording.Tally;
import java.io.IOException;

/**
 * Churn (netperf TCP_CRR): each connection slot connects, sends one request, reads its echo,
 * closes, and starts over, until the measured interval ends. The request counts from the start of
 * its connect, so a slow accept is charged to it.
 */
final class ChurnDriver implements Driver {
    /** A slot whose connect failed tries again after this long. */
    static final long RETRY_NS = 10_000_000;

    private final EventLoop loop;
    private final long[] opStartNs;
    private final boolean[] connectPending;
    private int connecting;

    ChurnDriver(EventLoop loop) {
        this.loop = loop;
        this.opStartNs = new long[loop.connections.length];
        this.connectPending = new boolean[loop.connections.length];
    }

    @Override
    public void begin(long nowNs) {
        for (int i = 0; i < loop.connections.length; i++) {
            loop.due.add(i, nowNs);
        }
    }

    @Override
    public void onDue(int index, long dueNs, long nowNs) {
        if (nowNs >= loop.measureEndNs) {
            return;
        }
        Connection c = loop.connections[index];
        opStartNs[index] = nowNs;
        Tally tally = loop.period().tally();
        if (tally.measured(nowNs)) {
            tally.requestsIntended++;
        }
        try {
            if (c.open(loop.poller.selector())) {
                connected(c);
            } else {
                connectPending[index] = true;
                connecting++;
            }
        } catch (IOException e) {
            connectFailed(c, nowNs, e);
        }
    }

    @Override
    public void onConnectable(Connection c, long nowNs) {
        try {
            if (!c.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            connectDone(c);
            connectFailed(c, nowNs, e);
            return;
        }
        connectDone(c);
        connected(c);
    }

    @Override
    public void expireConnects(long nowNs) {
        for (Connection c : loop.connections) {
            if (connectPending[c.index] && nowNs - opStartNs[c.index] >= loop.timeoutNs) {
                // A connect the server never completed (a full listen queue drops SYNs).
                connectDone(c);
                connectFailed(c, nowNs, new IOException("connect timed out"));
            }
        }
    }

    @Override
    public boolean connecting() {
        return connecting > 0;
    }

    @Override
    public void onRoom(Connection c, long nowNs) {
        if (c.inFlight() == 0) {
            c.close();
            if (nowNs < loop.measureEndNs && !loop.due.contains(c.index)) {
                loop.due.add(c.index, nowNs);
            }
        }
    }

    @Override
    public boolean onLost(Connection c, long nowNs) {
        if (nowNs < loop.measureEndNs) {
            loop.due.add(c.index, nowNs + RETRY_NS);
        }
        return true;
    }

    private void connectDone(Connection c) {
        connectPending[c.index] = false;
        connecting--;
    }

    private void connectFailed(Connection c, long nowNs, IOException e) {
        Tally tally = loop.period().tally();
        if (tally.counting(nowNs)) {
            tally.connectErrors++;
        }
        if (tally.measured(opStartNs[c.index])) {
            tally.requestsFailed++;
        }
        loop.noteError("connect: " + e.getMessage());
        c.close();
        loop.due.add(c.index, nowNs + RETRY_NS);
    }

    /** The connection is up; its one request counts from the start of the connect. */
    private void connected(Connection c) {
        loop.send(c, opStartNs[c.index], loop.clock.nanoTime());
        loop.flush(c);
    }
}
