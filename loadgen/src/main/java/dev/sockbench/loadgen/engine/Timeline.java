package dev.sockbench.loadgen.engine;

import dev.sockbench.loadgen.WarmupPolicy;
import dev.sockbench.loadgen.check.WorkMeter;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import org.HdrHistogram.Histogram;

/**
 * A worker's timeline as a sequence of counting timeline: the warm-up cut into rehearsal timeline of
 * {@code rehearsalNs} (the last one ends where the measured interval begins), then the measured
 * interval, which lasts through the drain. Each period has its own {@link Tally} and {@link
 * WorkMeter} bounded to it; the rehearsal timeline share one latency recorder and one send-lag
 * histogram, which are thrown away; the measured period has its own.
 *
 * <p>Why rehearse: the worker runs the same code in every period, so that by the time the measured
 * interval begins the JIT has compiled the worker with every branch it takes there already taken
 * (a request counted, one from the previous period not counted, a period entered, a backlog
 * dropped). Code first reached in the measured interval is deoptimized and compiled again then,
 * and a generator given one CPU shares it with the compiler ({@link
 * dev.sockbench.loadgen.WarmupPolicy}; the figures are in the loadgen README).
 *
 * <pre>{@code
 * Timeline timeline = new Timeline(startNs, measureStartNs, measureEndNs, 100_000_000L);
 * Period w = timeline.current();
 * if (nowNs >= timeline.nextStartNs()) w = timeline.advance(nowNs);   // on every clock reading
 * Tally counts = timeline.measured().tally();                        // the results, at the end
 * }</pre>
 *
 * All objects are made up front: entering a period allocates nothing. Not thread-safe: owned by
 * one worker (the owner builds it before the worker's thread starts).
 */
final class Timeline {
    /**
     * What the worker counts into while a period lasts.
     *
     * @param startNs where the period begins
     * @param tally its counters; requests intended in it, events happening in it
     * @param work its busy accounting, clipped to it
     * @param sendLagNs send lag of the requests intended in it
     * @param blockedNs time the requests intended in it waited for their connection to have room
     * @param recorder latency of the requests intended in it
     * @param pollsPerYield how often a polling worker gives its CPU away ({@code Thread.yield}):
     *     every {@link WarmupPolicy#WARMUP_POLLS_PER_YIELD}th poll in a rehearsal period, never (in effect) in
     *     the measured one. A value, not a branch on the period, so that the compiled polling loop
     *     meets no new branch when the measured interval begins.
     */
    record Period(
            long startNs,
            Tally tally,
            WorkMeter work,
            Histogram sendLagNs,
            Histogram blockedNs,
            LatencyRecorder recorder,
            long pollsPerYield) {}

    private final Period[] timeline;
    /** {@code startNs[k]} of {@code timeline[k]}, and {@link Long#MAX_VALUE} after the last. */
    private final long[] startsNs;

    private final LatencyRecorder rehearsalRecorder = new LatencyRecorder();
    private int index;

    /**
     * @param startNs the warm-up begins
     * @param measureStartNs the measured interval begins (the warm-up ends); {@code >= startNs}
     * @param measureEndNs the measured interval ends
     * @param rehearsalNs length of a rehearsal period; the first may be shorter
     */
    Timeline(long startNs, long measureStartNs, long measureEndNs, long rehearsalNs) {
        if (measureStartNs < startNs || measureEndNs <= measureStartNs || rehearsalNs <= 0) {
            throw new IllegalArgumentException("need start <= measure start < measure end and rehearsal > 0");
        }
        int rehearsals = (int) Math.ceilDiv(measureStartNs - startNs, rehearsalNs);
        timeline = new Period[rehearsals + 1];
        startsNs = new long[rehearsals + 2];
        Histogram rehearsalLagNs = LatencyRecorder.newHistogram();
        Histogram rehearsalBlockedNs = LatencyRecorder.newHistogram();
        for (int k = 0; k < rehearsals; k++) {
            // Counted back from the measured interval, so that all but the first are whole.
            long from = Math.max(startNs, measureStartNs - (long) (rehearsals - k) * rehearsalNs);
            long to = measureStartNs - (long) (rehearsals - k - 1) * rehearsalNs;
            timeline[k] = new Period(
                    from,
                    new Tally(from, to),
                    new WorkMeter(from, to),
                    rehearsalLagNs,
                    rehearsalBlockedNs,
                    rehearsalRecorder,
                    WarmupPolicy.WARMUP_POLLS_PER_YIELD);
            startsNs[k] = from;
        }
        timeline[rehearsals] = new Period(
                measureStartNs,
                new Tally(measureStartNs, measureEndNs),
                new WorkMeter(measureStartNs, measureEndNs),
                LatencyRecorder.newHistogram(),
                LatencyRecorder.newHistogram(),
                new LatencyRecorder(),
                Long.MAX_VALUE);
        startsNs[rehearsals] = measureStartNs;
        startsNs[rehearsals + 1] = Long.MAX_VALUE;
    }

    /** The period the worker is in: the first until {@link #advance} moves on. */
    Period current() {
        return timeline[index];
    }

    /** Where the next period begins; {@link Long#MAX_VALUE} in the measured one. */
    long nextStartNs() {
        return startsNs[index + 1];
    }

    /**
     * Moves to the period that contains {@code nowNs} (skipping any that passed whole, as during a
     * stall longer than a period) and returns it. Times only move forward: a period once left is
     * never re-entered.
     */
    Period advance(long nowNs) {
        while (nowNs >= startsNs[index + 1]) {
            index++;
        }
        return timeline[index];
    }

    /** The measured interval's period: the results. */
    Period measured() {
        return timeline[timeline.length - 1];
    }

    /** The recorder every rehearsal period records into; its content is to be thrown away. */
    LatencyRecorder rehearsalRecorder() {
        return rehearsalRecorder;
    }

    /** How many rehearsal timeline precede the measured one. */
    int rehearsals() {
        return timeline.length - 1;
    }
}
