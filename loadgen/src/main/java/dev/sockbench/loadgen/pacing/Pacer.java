package dev.sockbench.loadgen.pacing;

/**
 * When one connection's next request may leave: on its intended time when the connection is on
 * schedule, and with bounded catch-up when it has fallen behind (wrk2).
 *
 * <p>A connection falls behind when a request's intended time passes while the connection cannot
 * send: its requests in flight have not come back (a slow or stalled server), or the generator's
 * thread was busy. Latency stays measured from the intended time, so the delay is charged to the
 * requests. The backlog is then sent at most at {@link #CATCH_UP_FACTOR} times the connection's
 * rate: consecutive sends while behind are at least {@code 1 / (CATCH_UP_FACTOR * rate)} apart.
 * The bound holds in every window, so a recovering server sees at most twice the load it was
 * asked to carry, never a burst of the whole backlog.
 *
 * <pre>{@code
 * Pacer pacer = new Pacer(new ConstantFireTimes(0, 1_000), 1_000);   // one request per ms
 * long when = pacer.sendTimeNs(now);          // wait until then (it may be now)
 * long intendedNs = pacer.take(sentNs);       // the request leaves; latency counts from intendedNs
 * }</pre>
 *
 * Not thread-safe: one pacer per connection, used by its worker thread.
 */
public final class Pacer {
    /** Catch-up sends go at most this many times faster than the connection's rate (wrk2: 2). */
    public static final int CATCH_UP_FACTOR = 2;

    private final FireTimeSequence schedule;
    private final long catchUpIntervalNs;
    private long intendedNs;
    private long lastSentNs = Long.MIN_VALUE / 2;

    /**
     * @param schedule the connection's intended send times
     * @param ratePerSec the connection's mean rate, which bounds the catch-up rate
     */
    public Pacer(FireTimeSequence schedule, double ratePerSec) {
        if (!(ratePerSec > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + ratePerSec);
        }
        this.schedule = schedule;
        this.catchUpIntervalNs = Math.max(1, Math.round(1e9 / (ratePerSec * CATCH_UP_FACTOR)));
        this.intendedNs = schedule.nextFireTimeNs();
    }

    /** The intended send time of the next request, ns. */
    public long intendedNs() {
        return intendedNs;
    }

    /**
     * The earliest time the next request may leave, given that the connection can send now:
     * its intended time when that is still ahead, otherwise (behind) one catch-up interval after
     * the previous send, or {@code nowNs} if that has passed.
     */
    public long sendTimeNs(long nowNs) {
        if (intendedNs > nowNs) {
            return intendedNs;
        }
        return Math.max(nowNs, lastSentNs + catchUpIntervalNs);
    }

    /**
     * Drops every request intended before {@code startNs}: the schedule resumes with the first one
     * intended at or after it. Used when the measured interval begins, so that a backlog the
     * warm-up built up (a JVM still compiling, a server still warming) is not carried into it.
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

    /**
     * The next request left at {@code sentNs}; returns its intended time and moves to the next.
     */
    public long take(long sentNs) {
        long intended = intendedNs;
        lastSentNs = sentNs;
        intendedNs = schedule.nextFireTimeNs();
        return intended;
    }
}
