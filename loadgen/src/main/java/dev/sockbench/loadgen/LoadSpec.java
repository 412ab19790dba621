package dev.sockbench.loadgen;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.loadgen.client.ClientOptions;
import dev.sockbench.loadgen.client.ClientSocketPaths;
import dev.sockbench.loadgen.engine.Mode;
import dev.sockbench.loadgen.engine.RunPlan;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.pacing.Pacer;
import dev.sockbench.loadgen.shape.LoadShape;
import java.util.Objects;

/**
 * One load generator case as the user asked for it (validated): the shape and what every shape
 * shares.
 *
 * @param shape what load
 * @param target the server
 * @param framing stream framing ({@code length} or {@code raw}); datagrams are not framed
 * @param payloadBytes payload of each request, header included
 * @param threads worker threads (at most the connections)
 * @param warmupNs warm-up, discarded
 * @param durationNs measured interval (per step for a sweep)
 * @param timeoutNs a request unanswered this long counts as timed out (streams) or lost
 *     (datagrams)
 * @param seed seeds payload bodies and Poisson arrivals
 */
public record LoadSpec(
        LoadShape shape,
        Endpoint target,
        Framing framing,
        int payloadBytes,
        int threads,
        long warmupNs,
        long durationNs,
        long timeoutNs,
        long seed) {
    public LoadSpec {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(framing, "framing");
    }

    /** The engine plan of a single-run shape; a sweep's first step for {@link LoadShape.Sweep}. */
    public RunPlan plan(ClientSocketPaths paths) {
        ClientOptions client = new ClientOptions(target, framing, payloadBytes, shape.depth(), seed, timeoutNs, paths);
        return switch (shape) {
            case LoadShape.PingPong p -> closed(client, 1);
            case LoadShape.Closed c -> closed(client, c.connections());
            case LoadShape.Stream s -> closed(client, s.connections());
            case LoadShape.Open o -> paced(client, o.connections(), o.ratePerSec(), o.arrival(), 0);
            case LoadShape.Sweep s -> paced(client, s.connections(), s.startRatePerSec(), s.arrival(), 0);
            case LoadShape.IdleScale i ->
                paced(
                        client,
                        i.active().connections(),
                        i.active().ratePerSec(),
                        i.active().arrival(),
                        i.idleConnections());
            case LoadShape.Churn c ->
                new RunPlan(
                        Mode.CHURN,
                        client,
                        c.connections(),
                        Math.min(threads, c.connections()),
                        0,
                        null,
                        0,
                        warmupNs,
                        durationNs,
                        seed,
                        Pacer.NO_CATCH_UP);
        };
    }

    private RunPlan closed(ClientOptions client, int connections) {
        return new RunPlan(
                Mode.CLOSED,
                client,
                connections,
                Math.min(threads, connections),
                0,
                null,
                0,
                warmupNs,
                durationNs,
                seed,
                Pacer.NO_CATCH_UP);
    }

    private RunPlan paced(ClientOptions client, int connections, double rate, Arrival arrival, int idle) {
        return new RunPlan(
                Mode.PACED,
                client,
                connections,
                Math.min(threads, connections),
                rate,
                arrival,
                idle,
                warmupNs,
                durationNs,
                seed,
                Pacer.NO_CATCH_UP);
    }

    /** The rate asked for, for paced shapes (a sweep: its start rate); null for closed shapes. */
    public Double targetRatePerSec() {
        return switch (shape) {
            case LoadShape.Open o -> o.ratePerSec();
            case LoadShape.IdleScale i -> i.active().ratePerSec();
            case LoadShape.Sweep s -> s.startRatePerSec();
            default -> null;
        };
    }

    /** The arrival process of paced shapes; null for closed shapes. */
    public Arrival arrival() {
        return switch (shape) {
            case LoadShape.Open o -> o.arrival();
            case LoadShape.IdleScale i -> i.active().arrival();
            case LoadShape.Sweep s -> s.arrival();
            default -> null;
        };
    }
}
