package dev.sockbench.loadgen.engine;

import dev.sockbench.loadgen.client.Connection;
import dev.sockbench.loadgen.engine.Timeline.Period;
import dev.sockbench.loadgen.pacing.Pacer;
import dev.sockbench.loadgen.pacing.ScheduleLag;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;

/**
 * Open loop (open, idle and sweep-step shapes): each connection sends on its own schedule ({@link
 * Pacer}), with up to {@code depth} requests in flight. A request leaves at its intended time, or
 * as soon as its connection can take it when it cannot; the pacer is consulted in one place,
 * {@link #schedule}. For every send it records how late it left by the generator's fault (the
 * send lag, {@link ScheduleLag}) and how long it waited for room (blocked).
 *
 * <p>When a counting period begins each connection drops what the previous one still owed and
 * resumes on schedule: the measured interval measures the load asked for from its first moment,
 * not the warm-up's backlog. A backlog of the measured interval itself is owed to its end: sent
 * late after the interval, or counted unsent ({@link #finish}).
 */
final class PacedDriver implements Driver {
    private final EventLoop loop;
    private final int firstConnection;
    private Pacer[] pacers;
    private ScheduleLag[] lags;

    /** @param firstConnection global index of the loop's first connection (staggers constant schedules) */
    PacedDriver(EventLoop loop, int firstConnection) {
        this.loop = loop;
        this.firstConnection = firstConnection;
    }

    @Override
    public void prepare(long startNs) {
        LoadPlan plan = loop.plan;
        int n = loop.connections.length;
        pacers = new Pacer[n];
        lags = new ScheduleLag[n];
        double perConnection = plan.ratePerSec() / plan.connections();
        for (int i = 0; i < n; i++) {
            pacers[i] = new Pacer(
                    plan.arrival()
                            .sequence(startNs, plan.ratePerSec(), firstConnection + i, plan.connections(), plan.seed()),
                    perConnection,
                    plan.catchUpFactor());
            lags[i] = new ScheduleLag();
        }
    }

    @Override
    public boolean pollsForEchoes() {
        return true;
    }

    @Override
    public void begin(long nowNs) {
        for (int i = 0; i < loop.connections.length; i++) {
            schedule(i, nowNs);
        }
    }

    @Override
    public void onRoom(Connection c, long nowNs) {
        if (!loop.due.contains(c.index)) {
            schedule(c.index, nowNs);
        }
    }

    /**
     * Puts connection {@code i} in the due queue at the moment its next request may leave, when it
     * is open, has room, and owes a request of the interval (or the warm-up).
     */
    private void schedule(int i, long nowNs) {
        Connection c = loop.connections[i];
        Pacer pacer = pacers[i];
        if (c.isOpen() && c.hasRoom() && pacer.intendedNs() < loop.measureEndNs && nowNs < loop.sendEndNs) {
            loop.due.add(i, pacer.sendTimeNs(nowNs));
        }
    }

    @Override
    public void onDue(int i, long dueNs, long nowNs) {
        Connection c = loop.connections[i];
        Pacer pacer = pacers[i];
        if (!c.isOpen() || !c.hasRoom() || pacer.intendedNs() >= loop.measureEndNs || nowNs >= loop.sendEndNs) {
            // Closed, full (an echo brings it back), its schedule is over, or sending ended.
            return;
        }
        long sendAtNs = pacer.sendTimeNs(nowNs);
        if (sendAtNs > nowNs) {
            loop.due.add(i, sendAtNs);
            return;
        }
        long sentNs = loop.clock.nanoTime();
        long intendedNs = pacer.take(sentNs);
        Period w = loop.period();
        loop.send(c, intendedNs, sentNs);
        long lagNs = lags[i].onSend(intendedNs, dueNs, sentNs);
        Tally tally = w.tally();
        if (tally.measured(intendedNs)) {
            tally.requestsIntended++;
            w.sendLagNs().recordValue(lagNs);
            w.blockedNs().recordValue(sentNs - intendedNs - lagNs);
        }
        loop.flush(c);
        schedule(i, sentNs);
    }

    /**
     * A period begins: every connection drops the requests the previous one still owes and resumes
     * on schedule, so the measured interval measures the load asked for from its first moment, not
     * the warm-up's backlog (which would be sent, unmeasured, in its place).
     */
    @Override
    public void onPeriod(long nowNs) {
        long startNs = loop.period().startNs();
        for (int i = 0; i < loop.connections.length; i++) {
            if (pacers[i].skipTo(startNs) > 0 && loop.due.contains(i)) {
                loop.due.remove(i);
                schedule(i, nowNs);
            }
        }
    }

    /**
     * A full connection whose echo may have waited unread during a stall of the generator: the
     * stall is the generator's, charged to the requests it held up (an upper bound: the echo may
     * have come at its end).
     */
    @Override
    public void onStall(Connection c, long fromNs, long toNs) {
        if (c.isOpen() && !c.hasRoom()) {
            lags[c.index].onStall(fromNs, toNs);
        }
    }

    /**
     * Every request of the measured interval its connection never sent (the connection was lost,
     * or still full when sending ended) is counted unsent and entered in the corrected latency at
     * {@code endNs}, being at least that late. When the loop ended before the interval did (every
     * connection lost), the interval ends there: what was intended after it is not counted.
     */
    @Override
    public void finish(long endNs) {
        Period m = loop.measured();
        Tally tally = m.tally();
        LatencyRecorder recorder = m.recorder();
        long intervalEndNs = Math.min(loop.measureEndNs, endNs);
        for (Pacer pacer : pacers) {
            pacer.skipTo(m.startNs());
            while (pacer.intendedNs() < intervalEndNs) {
                long intendedNs = pacer.take(endNs);
                tally.requestsIntended++;
                tally.requestsUnsent++;
                recorder.recordGivenUp(intendedNs, endNs);
            }
        }
    }
}
