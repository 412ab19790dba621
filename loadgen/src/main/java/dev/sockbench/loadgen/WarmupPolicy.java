package dev.sockbench.loadgen;

import java.util.List;

/**
 * How sockbench keeps one-time work — above all the JIT compiler — out of the measured interval.
 * On a generator given one CPU, anything else that runs there takes it from the worker in slices
 * of milliseconds, and the send lag shows it (the case is then invalid). Each measure below names
 * what it prevents; the figures that justified them are in {@code loadgen/README.md} ("Nothing
 * heavy during the measured interval").
 *
 * <ol>
 *   <li>{@link #DEFAULT_WARMUP}: every case warms up before it measures; what the warm-up sees is
 *       discarded.
 *   <li>{@link #GENERATOR_JVM_FLAGS}: the load generator's JVM compiles after a tenth of the usual
 *       invocations, so that at low rates the request path reaches C2 within the warm-up, not in
 *       the middle of the measured interval. Paced shapes only (theirs is the lag that is
 *       checked); closed shapes reach the thresholds within any warm-up.
 *   <li>{@link #HARNESS_JVM_FLAGS}: the suite runner's own JVM, not pinned, compiles with C1
 *       only, whose compiles take microseconds; C2's took the generator's CPU for milliseconds as
 *       a case's interval began.
 *   <li>{@link #REHEARSAL_PERIOD_NS}, {@link #REHEARSAL_TICK_NS}: the warm-up rehearses the
 *       measured interval — the workers enter and leave counting timeline, the interval histograms
 *       are collected, added up and encoded, a progress line is printed (to nowhere) — so that
 *       the code the measured interval runs is compiled, with every branch it takes, before it
 *       begins. A scheduler trace of the generator's CPU showed what is not rehearsed: the JIT
 *       compiling the once-a-second progress printing, a few milliseconds each second.
 *   <li>{@link #WARMUP_POLLS_PER_YIELD}: in the warm-up a polling worker yields its CPU every
 *       other turn, so the compiler gets its share there rather than later. A value per period,
 *       not a branch on the time, so the compiled loop meets nothing new when measuring starts.
 *   <li>{@link #PRESIZED_HISTOGRAM_HIGHEST_NS}: histograms are sized for 60 s values from the
 *       start; growing one inside the recording code throws the compiled code away.
 * </ol>
 */
public final class WarmupPolicy {
    /** The warm-up before every measured interval, when none is given. */
    public static final String DEFAULT_WARMUP = "3s";

    /**
     * Added to the load generator's JVM for paced shapes (and always by {@code ./run.sh loadgen}):
     * the lower compile thresholds; and no performance-data sampling, which the JVM's periodic
     * task otherwise does every 50 ms on the generator's CPU.
     */
    public static final List<String> GENERATOR_JVM_FLAGS =
            List.of("-XX:CompileThresholdScaling=0.1", "-XX:-UsePerfData");

    /** Added to the harness's own JVM (the suite runner, the report; {@code run.sh} adds them). */
    public static final List<String> HARNESS_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1");

    /**
     * Length of a worker's rehearsal period during the warm-up: short, so that even a one-second
     * warm-up enters a period several times before the measured one.
     */
    public static final long REHEARSAL_PERIOD_NS = 100_000_000L;

    /** The warm-up collects (and encodes, and throws away) an interval this often: a hundred times the measured pace. */
    public static final long REHEARSAL_TICK_NS = 10_000_000L;

    /** In a rehearsal period a polling worker yields every this many turns; never in the measured one. */
    public static final long WARMUP_POLLS_PER_YIELD = 2;

    /** Histograms hold values up to this from the start, and grow past it only if they must. */
    public static final long PRESIZED_HISTOGRAM_HIGHEST_NS = 60_000_000_000L;

    private WarmupPolicy() {}
}
