package dev.sockbench.loadgen.shape;

/**
 * The {@code capacity} shape's search: bisection below a ceiling, the closed-loop maximum
 * measured first. The ceiling itself counts as bad (an open loop at the highest rate the server
 * can answer queues without bound), so the first step is at half of it; each good step raises the
 * lower end of the bracket, each bad one lowers the upper end. After {@code steps} steps the
 * capacity is known to within {@code ceiling / 2^steps}: 3 steps, an eighth of the ceiling.
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
        return stepsLeft == 0;
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
        stepsLeft--;
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
