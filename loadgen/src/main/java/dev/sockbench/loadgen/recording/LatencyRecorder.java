package dev.sockbench.loadgen.recording;

import dev.sockbench.loadgen.WarmupPolicy;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Records each completed request twice, in nanoseconds, into two HdrHistogram histograms:
 *
 * <ul>
 *   <li><b>corrected</b>: from the request's <em>intended</em> send time to its echo — what a
 *       user whose request was due then would have waited (wrk2's correction for coordinated
 *       omission);
 *   <li><b>raw</b>: from the moment the request actually left to its echo — what a closed-loop
 *       tool would report, kept beside the corrected view to show how much a stall hides.
 * </ul>
 *
 * For closed shapes the intended time is the actual one and both agree. A request never answered
 * enters the corrected view only, at the moment it was given up ({@link #recordGivenUp}).
 *
 * <p>It is HdrHistogram's {@code Recorder} pattern — writers record into active histograms inside
 * a {@link WriterReaderPhaser} critical section, the reader swaps in fresh ones and flips the
 * phase, so that no sample is lost or counted twice across intervals — applied to the pair at
 * once: one critical section per request for both views instead of one per view (two {@code
 * Recorder}s), which halves the atomic operations on the generator's hot path. Both histograms of
 * an interval hold the same echoes.
 *
 * <p>Threading: {@link #record} is wait-free and may be called from any thread (in sockbench each
 * worker thread has its own recorder, so it never contends); a worker records a selector wake-up's
 * echoes in one batch ({@link #beginBatch}), one critical section for all. {@link #take} is called
 * by one reader thread (the interval logger).
 */
public final class LatencyRecorder {
    /** HdrHistogram precision: 3 significant digits, a value is within 0.1% of the true one. */
    public static final int SIGNIFICANT_DIGITS = 3;

    /** One interval: the corrected and raw histograms of the same requests. */
    public record Interval(Histogram corrected, Histogram raw) {
        /** A pair of fresh, empty histograms ({@link #newHistogram}). */
        public static Interval empty() {
            return new Interval(newHistogram(), newHistogram());
        }
    }

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile Interval active = Interval.empty();

    /**
     * Records one request.
     *
     * @param intendedNs when it was due to leave
     * @param sentNs when it left; not before {@code intendedNs}
     * @param receivedNs when its echo was read; not before {@code sentNs}
     */
    public void record(long intendedNs, long sentNs, long receivedNs) {
        long batch = beginBatch();
        try {
            recordInBatch(intendedNs, sentNs, receivedNs);
        } finally {
            endBatch(batch);
        }
    }

    /**
     * Opens a batch: a writer that records many requests at once (a worker handling the echoes of
     * one selector wake-up) enters the phaser's critical section once for all of them. Keep a
     * batch short and never block inside it: {@link #take} waits for it to end.
     *
     * @return the token to pass to {@link #endBatch}
     */
    public long beginBatch() {
        return phaser.writerCriticalSectionEnter();
    }

    /** Records one request; only between {@link #beginBatch} and {@link #endBatch}. */
    public void recordInBatch(long intendedNs, long sentNs, long receivedNs) {
        Interval current = active;
        current.corrected.recordValue(receivedNs - intendedNs);
        current.raw.recordValue(receivedNs - sentNs);
    }

    /**
     * Records a request that was given up (a lost datagram, a stream request never answered, one
     * never sent) at {@code givenUpNs}: in the corrected view only, as at least that late; the raw
     * view holds echoes only. Its own critical section: not inside a batch.
     */
    public void recordGivenUp(long intendedNs, long givenUpNs) {
        long token = phaser.writerCriticalSectionEnter();
        try {
            active.corrected.recordValue(Math.max(0, givenUpNs - intendedNs));
        } finally {
            phaser.writerCriticalSectionExit(token);
        }
    }

    /** Closes the batch {@code token} opened. */
    public void endBatch(long token) {
        phaser.writerCriticalSectionExit(token);
    }

    /**
     * What was recorded since the previous call (or since construction).
     *
     * @param recycle an interval returned by an earlier call, reused to record into; or null
     */
    public Interval take(Interval recycle) {
        Interval fresh = recycle != null ? recycle : Interval.empty();
        fresh.corrected.reset();
        fresh.raw.reset();
        phaser.readerLock();
        try {
            Interval sampled = active;
            active = fresh;
            // Wait until every writer that may still hold the old pair has left it.
            phaser.flipPhase();
            return sampled;
        } finally {
            phaser.readerUnlock();
        }
    }

    /**
     * A fresh, empty histogram of the kind the recorder produces, for adding intervals up: values
     * in ns, {@link #SIGNIFICANT_DIGITS}, sized up to {@link WarmupPolicy#PRESIZED_HISTOGRAM_HIGHEST_NS} and growing past
     * it when needed.
     */
    public static Histogram newHistogram() {
        Histogram h = new Histogram(1, WarmupPolicy.PRESIZED_HISTOGRAM_HIGHEST_NS, SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }
}
