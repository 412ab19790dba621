package dev.sockbench.loadgen.shape;

/**
 * Which open-loop rate a capacity search tries next, from the outcome of the steps so far. Pure
 * logic, no clock: each implementation is tested with scripted step outcomes.
 *
 * <pre>{@code
 * while (!search.done()) {
 *     double rate = search.nextRatePerSec();
 *     search.report(rate, runStepAt(rate).good());
 * }
 * Double capacity = search.capacityPerSec();   // highest good rate, or null
 * }</pre>
 */
public sealed interface RateSearch permits SweepSearch, CeilingSearch {
    boolean done();

    /** The rate of the next step. */
    double nextRatePerSec();

    /** The step at {@code ratePerSec} (the one {@link #nextRatePerSec} gave) was good or bad. */
    void report(double ratePerSec, boolean good);

    /** The highest good rate so far; null when no step was good. */
    Double capacityPerSec();

    /** The lowest bad rate above the capacity; null when none failed. */
    Double firstBadPerSec();
}
