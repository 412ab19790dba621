package dev.sockbench.core.result;

/**
 * The blocks a load generator measured, as both its {@link LoadReport} and the {@link
 * CaseSummary} composed from it hold them; what is derived from them is derived here once.
 */
public interface MeasuredLoad {
    CaseLoad load();

    SweepResult sweep();

    /**
     * The requests completed over the whole measured interval: {@code load.requests}, or for a
     * sweep the sum of its steps' {@code requests} (its {@code load.requests} are the capacity
     * step's only, while the interval spans every step). The server's cost per request is divided
     * by this.
     */
    default long measuredIntervalRequests() {
        return sweep() == null
                ? load().requests()
                : sweep().steps().stream()
                        .mapToLong(SweepResult.SweepStep::requests)
                        .sum();
    }
}
