package dev.sockbench.loadgen.shape;

/**
 * The {@code capacity} shape's search: bisection below a ceiling, the closed-loop maximum
 * measured first. The ceiling itself counts as bad (an open loop at the highest rate the server
 * can answer queues without bound), so the first step is at half of it; each good step raises the
 * lower end of the bracket, each bad one lowers the upper end. After {@code steps} steps the
 * capacity is known to within {@code ceiling / 2^steps}: 3 steps, an eighth of the ceiling. When
 * none of them held the objective, the search goes on halving, at most {@link #MORE_STEPS_DOWN}
 * more steps, until one holds: a model whose tail breaks the objective at every load the bracket
 * tried may still hold it at a lighter one, and that rate is its capacity.
 *
 * <pre>{@code
 * CeilingSearch search = new CeilingSearch(40_000, 3);   // steps at 20k, then 30k or 10k, ...
 * }</pre>
 *
 * Not thread-safe.
 */
public final class CeilingSearch implements RateSearch {
    private double lowerPerSec;
    private double upperPerSec;
    private Double lastGood;
    private Double firstBad;
    private int stepsLeft;
    private int moreStepsDownLeft = MORE_STEPS_DOWN;

    /** Halvings after the bisection's steps when none of them was good. */
    public static final int MORE_STEPS_DOWN = 2;

    /**
     * @param ceilingPerSec the closed-loop maximum, above 0
     * @param steps open-loop steps to run, at least 1
     */
    public CeilingSearch(double ceilingPerSec, int steps) {
        if (!(ceilingPerSec > 0) || steps < 1) {
            throw new IllegalArgumentException("need a ceiling > 0 and at least one step");
        }
        this.upperPerSec = ceilingPerSec;
        this.stepsLeft = steps;
    }

    @Override
    public boolean done() {
        return stepsLeft == 0 && (lastGood != null || moreStepsDownLeft == 0);
    }

    @Override
    public double nextRatePerSec() {
        if (done()) {
            throw new IllegalStateException("the search is over");
        }
        return (lowerPerSec + upperPerSec) / 2;
    }

    @Override
    public void report(double ratePerSec, boolean good) {
        if (good) {
            lowerPerSec = ratePerSec;
            lastGood = ratePerSec;
        } else {
            upperPerSec = ratePerSec;
            firstBad = ratePerSec;
        }
        if (stepsLeft > 0) {
            stepsLeft--;
        } else {
            moreStepsDownLeft--;
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
