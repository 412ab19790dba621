package dev.sockbench.loadgen.pacing;

import dev.sockbench.core.cli.Identified;

/** How the requests of an open-loop load arrive: {@code --arrival}. */
public enum Arrival implements Identified {
    CONSTANT("constant", "evenly spaced sends (wrk2)"),
    POISSON("poisson", "independent sends with exponential gaps, as from many independent users");

    private final String id;
    private final String description;

    Arrival(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /**
     * The fire times of connection {@code index} of {@code connections} sharing a total rate.
     * Constant arrivals are staggered so that the connections together send evenly at {@code
     * totalRatePerSec}: connection i starts {@code i / totalRatePerSec} after {@code startNs}.
     * Poisson connections are independent processes seeded from {@code seed} and the index.
     */
    public FireTimeSequence sequence(long startNs, double totalRatePerSec, int index, int connections, long seed) {
        double perConnection = totalRatePerSec / connections;
        return switch (this) {
            case CONSTANT -> new ConstantFireTimes(startNs + (long) (index * 1e9 / totalRatePerSec), perConnection);
            case POISSON -> new PoissonFireTimes(startNs, perConnection, seed * 1_000_003L + index);
        };
    }

    /** @throws IllegalArgumentException naming the accepted ids */
    public static Arrival fromId(String id) {
        return Identified.byId(Arrival.class, "arrival", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
