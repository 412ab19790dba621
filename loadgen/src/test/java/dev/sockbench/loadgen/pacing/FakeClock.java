package dev.sockbench.loadgen.pacing;

/** A clock the test moves by hand. */
public final class FakeClock implements NanoClock {
    private long nowNs;

    public FakeClock(long startNs) {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    /** Moves to {@code whenNs}; never backwards. */
    public void advanceTo(long whenNs) {
        if (whenNs < nowNs) {
            throw new IllegalArgumentException("a clock does not go back: " + whenNs + " < " + nowNs);
        }
        nowNs = whenNs;
    }

    public void advanceBy(long ns) {
        advanceTo(nowNs + ns);
    }
}
