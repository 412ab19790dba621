package dev.sockbench.loadgen.shape;

/**
 * Which rate a sweep tries next. Rising: each good step multiplies the rate by the step factor
 * (up to the maximum, tried once exactly); the first bad step ends the rise. Refining: bisection
 * between the last good and the first bad rate, a fixed number of times, or until they are within
 * 1% of each other. A step that could not run (no good step before the first bad one) ends the
 * search with no capacity.
 *
 * <pre>{@code
 * SweepSearch search = new SweepSearch(1_000, 2, 1e9, 3);
 * while (!search.done()) {
 *     double rate = search.nextRatePerSec();
 *     search.report(rate, runStepAt(rate).good());
 * }
 * Double capacity = search.capacityPerSec();   // highest good rate, or null
 * }</pre>
 *
 * Pure logic, no clock: the capacity search is tested with scripted step outcomes. Not
 * thread-safe.
 */
public final class SweepSearch implements RateSearch {
    /** Refining stops when the bracket is narrower than this fraction of the good rate. */
    static final double RESOLUTION = 0.01;

    private final double stepFactor;
    private final double maxRatePerSec;
    private int refineLeft;
    private double next;
    private Double lastGood;
    private Double firstBad;
    private boolean rising = true;
    private boolean done;

    /**
     * @param startRatePerSec the first step's rate
     * @param stepFactor each good rising step multiplies the rate by this; above 1
     * @param maxRatePerSec the rise stops here
     * @param refineSteps bisection steps after the first bad one
     */
    public SweepSearch(double startRatePerSec, double stepFactor, double maxRatePerSec, int refineSteps) {
        if (!(startRatePerSec > 0) || !(stepFactor > 1) || maxRatePerSec < startRatePerSec || refineSteps < 0) {
            throw new IllegalArgumentException("need start > 0, factor > 1, max >= start, refine >= 0");
        }
        this.stepFactor = stepFactor;
        this.maxRatePerSec = maxRatePerSec;
        this.refineLeft = refineSteps;
        this.next = startRatePerSec;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public double nextRatePerSec() {
        if (done) {
            throw new IllegalStateException("the sweep is over");
        }
        return next;
    }

    @Override
    public void report(double ratePerSec, boolean good) {
        if (rising) {
            if (good) {
                lastGood = ratePerSec;
                if (ratePerSec >= maxRatePerSec) {
                    done = true;
                } else {
                    next = Math.min(ratePerSec * stepFactor, maxRatePerSec);
                }
                return;
            }
            firstBad = ratePerSec;
            rising = false;
        } else {
            if (good) {
                lastGood = ratePerSec;
            } else {
                firstBad = ratePerSec;
            }
            refineLeft--;
        }
        if (lastGood == null || refineLeft <= 0 || firstBad - lastGood <= lastGood * RESOLUTION) {
            done = true;
        } else {
            next = (lastGood + firstBad) / 2;
        }
    }

    @Override
    public Double capacityPerSec() {
        return lastGood;
    }

    @Override
    public Double firstBadPerSec() {
        return firstBad;
    }
}
