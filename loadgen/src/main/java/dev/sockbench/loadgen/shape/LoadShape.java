package dev.sockbench.loadgen.shape;

import dev.sockbench.loadgen.pacing.Arrival;

/**
 * What load to apply ({@code --shape}). Each shape answers one question:
 *
 * <table>
 *   <caption>shapes</caption>
 *   <tr><th>id</th><th>record</th><th>measures</th></tr>
 *   <tr><td>{@code ping-pong}</td><td>{@link PingPong}</td><td>one connection, one request in flight: the latency floor</td></tr>
 *   <tr><td>{@code closed}</td><td>{@link Closed}</td><td>connections × depth in flight: maximum throughput</td></tr>
 *   <tr><td>{@code open}</td><td>{@link Open}</td><td>a fixed rate whatever the server does; latency from the intended send time</td></tr>
 *   <tr><td>{@code sweep}</td><td>{@link Sweep}</td><td>open-loop steps of rising rate: capacity under a latency objective</td></tr>
 *   <tr><td>{@code capacity}</td><td>{@link Capacity}</td><td>the closed-loop maximum, then open-loop steps below it: capacity under a latency objective, fast</td></tr>
 *   <tr><td>{@code churn}</td><td>{@link Churn}</td><td>connect, one request, close: connections per second and their latency</td></tr>
 *   <tr><td>{@code idle}</td><td>{@link IdleScale}</td><td>many silent connections beside an open-loop load</td></tr>
 *   <tr><td>{@code stream}</td><td>{@link Stream}</td><td>bulk echo throughput, bytes per second</td></tr>
 * </table>
 *
 * Immutable values.
 */
public sealed interface LoadShape {
    /** Which shape this is. */
    Shape kind();

    /** The id used on the command line and in {@code summary.json}. */
    default String id() {
        return kind().id();
    }

    /** Active connections (churn: concurrent connect-request-close slots). */
    int connections();

    /** Requests in flight per connection at most. */
    int depth();

    /** The latency floor: one connection, one request in flight, sent as soon as the last echo is in. */
    record PingPong() implements LoadShape {
        @Override
        public Shape kind() {
            return Shape.PING_PONG;
        }

        @Override
        public int connections() {
            return 1;
        }

        @Override
        public int depth() {
            return 1;
        }
    }

    /** Closed loop: each connection keeps {@code depth} requests in flight (pipelining when above 1). */
    record Closed(int connections, int depth) implements LoadShape {
        @Override
        public Shape kind() {
            return Shape.CLOSED;
        }
    }

    /**
     * Open loop: {@code ratePerSec} requests per second spread over the connections, whatever the
     * server does; latency from each request's intended send time, with bounded catch-up (wrk2).
     */
    record Open(int connections, int depth, double ratePerSec, Arrival arrival) implements LoadShape {
        @Override
        public Shape kind() {
            return Shape.OPEN;
        }
    }

    /**
     * Open-loop steps from {@code startRatePerSec}, multiplied by {@code stepFactor} each step,
     * until a step misses the objective or the server saturates (or {@code maxRatePerSec}); then
     * {@code refineSteps} bisections between the last good and the first bad rate.
     */
    record Sweep(
            int connections,
            int depth,
            double startRatePerSec,
            Arrival arrival,
            Slo slo,
            double stepFactor,
            double maxRatePerSec,
            int refineSteps)
            implements LoadShape {
        @Override
        public Shape kind() {
            return Shape.SWEEP;
        }
    }

    /**
     * The fast capacity search: a closed-loop run finds the ceiling (the most the server answers
     * with {@code connections × depth} in flight), then {@code steps} open-loop steps bisect below
     * it for the highest rate that meets the objective ({@link CeilingSearch}).
     */
    record Capacity(int connections, int depth, Arrival arrival, Slo slo, int steps) implements LoadShape {
        @Override
        public Shape kind() {
            return Shape.CAPACITY;
        }
    }

    /** Connect, one request, close, again (netperf TCP_CRR), on {@code connections} slots at once. */
    record Churn(int connections) implements LoadShape {
        @Override
        public Shape kind() {
            return Shape.CHURN;
        }

        @Override
        public int depth() {
            return 1;
        }
    }

    /** {@code idleConnections} silent connections held open while {@code active} runs. */
    record IdleScale(int idleConnections, Open active) implements LoadShape {
        @Override
        public Shape kind() {
            return Shape.IDLE;
        }

        @Override
        public int connections() {
            return active.connections();
        }

        @Override
        public int depth() {
            return active.depth();
        }
    }

    /** Bulk echo: each connection keeps {@code depth} large payloads in flight (iperf3-like). */
    record Stream(int connections, int depth) implements LoadShape {
        @Override
        public Shape kind() {
            return Shape.STREAM;
        }
    }
}
