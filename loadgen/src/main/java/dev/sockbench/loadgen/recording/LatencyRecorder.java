package dev.sockbench.loadgen.recording;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records each completed request twice, in nanoseconds, into two HdrHistogram {@link Recorder}s:
 *
 * <ul>
 *   <li><b>corrected</b>: from the request's <em>intended</em> send time to its echo — what a
 *       user whose request was due then would have waited (wrk2's correction for coordinated
 *       omission);
 *   <li><b>raw</b>: from the moment the request actually left to its echo — what a closed-loop
 *       tool would report, kept beside the corrected view to show how much a stall hides.
 * </ul>
 *
 * For closed shapes the intended time is the actual one and both agree.
 *
 * <p>Threading: {@link #record} is wait-free and may be called from any thread; in sockbench each
 * worker thread has its own recorder, so recording never contends. {@link #takeCorrected} and
 * {@link #takeRaw} are called by one reader thread (the interval logger); each returns what was
 * recorded since its previous call, so no sample is lost or counted twice across intervals.
 */
public final class LatencyRecorder {
    /** HdrHistogram precision: 3 significant digits, a value is within 0.1% of the true one. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder corrected = new Recorder(SIGNIFICANT_DIGITS);
    private final Recorder raw = new Recorder(SIGNIFICANT_DIGITS);

    /**
     * Records one request.
     *
     * @param intendedNs when it was due to leave
     * @param sentNs when it left; not before {@code intendedNs}
     * @param receivedNs when its echo was read; not before {@code sentNs}
     */
    public void record(long intendedNs, long sentNs, long receivedNs) {
        corrected.recordValue(receivedNs - intendedNs);
        raw.recordValue(receivedNs - sentNs);
    }

    /**
     * The corrected values recorded since the previous call.
     *
     * @param recycle a histogram returned by an earlier call, to be reused, or null
     */
    public Histogram takeCorrected(Histogram recycle) {
        return corrected.getIntervalHistogram(recycle);
    }

    /** The raw values recorded since the previous call; see {@link #takeCorrected}. */
    public Histogram takeRaw(Histogram recycle) {
        return raw.getIntervalHistogram(recycle);
    }

    /** A fresh, empty histogram of the kind the recorder produces, for adding intervals up. */
    public static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }
}
