package dev.sockbench.loadgen.pacing;

/**
 * When one connection's next request may leave. The open model, exactly: a request leaves at its
 * intended time, or — when its connection cannot take it then (its requests in flight are not
 * answered yet, or the generator was busy) — as soon as the connection can. The generator never
 * spaces requests out by itself: a Poisson schedule's short gaps stay short, and a backlog after a
 * stall leaves as fast as the connection frees room. Latency counts from the intended time either
 * way (wrk2's correction for coordinated omission), so the delay is charged to the requests.
 *
 * <p>Optionally ({@code --catch-up FACTOR}, off by default) the backlog of a connection that has
 * fallen behind is sent at most {@code FACTOR} times its rate, as wrk2 does with 2: to compare with
 * wrk2, or to spare a recovering server a burst. A connection counts as behind while its next
 * request is overdue by at least one catch-up interval ({@code 1 / (FACTOR × rate)}); then
 * consecutive sends are at least that interval apart. A request merely processed a few
 * microseconds after its time is not behind, so the bound never stretches an on-time schedule.
 *
 * <pre>{@code
 * Pacer pacer = new Pacer(new ConstantFireTimes(0, 1_000), 1_000, Pacer.NO_CATCH_UP);
 * long when = pacer.sendTimeNs(now);          // wait until then (it may be now)
 * long intendedNs = pacer.take(sentNs);       // the request leaves; latency counts from intendedNs
 * }</pre>
 *
 * Not thread-safe: one pacer per connection, used by its worker thread.
 */
public final class Pacer {
    /** The catch-up factor meaning "no bound": the default. */
    public static final double NO_CATCH_UP = 0;

    private final FireTimeSequence schedule;
    /** Least spacing of sends while behind, ns; 0 when catch-up is not bounded. */
    private final long catchUpIntervalNs;

    private long intendedNs;
    private long lastSentNs = Long.MIN_VALUE / 2;

    /**
     * @param schedule the connection's intended send times
     * @param ratePerSec the connection's mean rate, which the catch-up bound is a multiple of
     * @param catchUpFactor bound on the catch-up rate as a multiple of {@code ratePerSec}, greater
     *     than 1; or {@link #NO_CATCH_UP}
     */
    public Pacer(FireTimeSequence schedule, double ratePerSec, double catchUpFactor) {
        if (!(ratePerSec > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + ratePerSec);
        }
        if (catchUpFactor != NO_CATCH_UP && !(catchUpFactor > 1)) {
            throw new IllegalArgumentException("catch-up factor must be > 1, got " + catchUpFactor);
        }
        this.schedule = schedule;
        this.catchUpIntervalNs =
                catchUpFactor == NO_CATCH_UP ? 0 : Math.max(1, Math.round(1e9 / (ratePerSec * catchUpFactor)));
        this.intendedNs = schedule.nextFireTimeNs();
    }

    /** The intended send time of the next request, ns. */
    public long intendedNs() {
        return intendedNs;
    }

    /**
     * The earliest time the next request may leave, given that its connection can take it at
     * {@code nowNs}: its intended time when that is still ahead, otherwise now — or, with a
     * catch-up bound and the request overdue by a catch-up interval or more, one interval after
     * the previous send if that is later.
     */
    public long sendTimeNs(long nowNs) {
        if (intendedNs > nowNs) {
            return intendedNs;
        }
        if (catchUpIntervalNs == 0 || nowNs - intendedNs < catchUpIntervalNs) {
            return nowNs;
        }
        return Math.max(nowNs, lastSentNs + catchUpIntervalNs);
    }

    /**
     * Drops every request intended before {@code startNs}: the schedule resumes with the first one
     * intended at or after it.
     *
     * @return how many requests were dropped
     */
    public long skipTo(long startNs) {
        long skipped = 0;
        while (intendedNs < startNs) {
            intendedNs = schedule.nextFireTimeNs();
            skipped++;
        }
        return skipped;
    }

    /** The next request left at {@code sentNs}; returns its intended time and moves to the next. */
    public long take(long sentNs) {
        long intended = intendedNs;
        lastSentNs = sentNs;
        intendedNs = schedule.nextFireTimeNs();
        return intended;
    }
}
