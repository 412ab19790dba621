package dev.sockbench.loadgen.engine;

import dev.sockbench.loadgen.client.ClientOptions;
import dev.sockbench.loadgen.pacing.Arrival;
import java.util.Objects;

/**
 * One run of the engine: connect, warm up, measure, drain. Every load shape is one plan (a sweep
 * is several).
 *
 * @param mode how the connections are driven
 * @param client target, framing, payload, depth shared by every connection
 * @param connections active connections (churn: concurrent connect-request-close slots)
 * @param threads worker threads; connections are spread evenly, remainders to the first threads
 * @param ratePerSec total rate over all connections ({@link Mode#PACED}); 0 otherwise
 * @param arrival arrival process ({@link Mode#PACED}); null otherwise
 * @param idleConnections silent connections held open beside the active ones
 * @param warmupNs warm-up before the measured interval, discarded
 * @param durationNs the measured interval
 * @param seed seeds Poisson arrivals
 * @param catchUpFactor the open loop's catch-up bound, a multiple of the rate ({@code --catch-up});
 *     {@link dev.sockbench.loadgen.pacing.Pacer#NO_CATCH_UP} (0) when off
 */
public record LoadPlan(
        Mode mode,
        ClientOptions client,
        int connections,
        int threads,
        double ratePerSec,
        Arrival arrival,
        int idleConnections,
        long warmupNs,
        long durationNs,
        long seed,
        double catchUpFactor) {
    public LoadPlan {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(client, "client");
        if (connections < 1 || threads < 1 || threads > connections) {
            throw new IllegalArgumentException(
                    "need 1 <= threads <= connections, got " + threads + " threads, " + connections + " connections");
        }
        if (mode == Mode.PACED && (!(ratePerSec > 0) || arrival == null)) {
            throw new IllegalArgumentException("a paced plan needs a rate > 0 and an arrival process");
        }
        if (warmupNs < 0 || durationNs <= 0) {
            throw new IllegalArgumentException("need warmup >= 0, duration > 0");
        }
    }

    /** Connections of worker {@code thread}: an even share, the remainder going to the first threads. */
    public int connectionsOf(int thread) {
        return connections / threads + (thread < connections % threads ? 1 : 0);
    }

    /** Global index of the first connection of worker {@code thread}. */
    public int firstConnectionOf(int thread) {
        return thread * (connections / threads) + Math.min(thread, connections % threads);
    }

    /** A request unanswered this long is counted (a timeout, or lost). */
    public long timeoutNs() {
        return client.timeoutNs();
    }

    /**
     * The same connections paced at {@code newRatePerSec} with {@code newArrival}, warmed up for
     * {@code newWarmupNs} and measured for {@code newDurationNs} (a step of a capacity search, or
     * of a sweep).
     */
    public LoadPlan paced(double newRatePerSec, Arrival newArrival, long newWarmupNs, long newDurationNs) {
        return new LoadPlan(
                Mode.PACED,
                client,
                connections,
                threads,
                newRatePerSec,
                newArrival,
                idleConnections,
                newWarmupNs,
                newDurationNs,
                seed,
                catchUpFactor);
    }
}
