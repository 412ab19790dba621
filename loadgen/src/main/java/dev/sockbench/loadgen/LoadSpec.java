package dev.sockbench.loadgen;

import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.client.ClientOptions;
import dev.sockbench.loadgen.client.ClientSocketPaths;
import dev.sockbench.loadgen.engine.LoadPlan;
import dev.sockbench.loadgen.engine.Mode;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.pacing.Pacer;
import dev.sockbench.loadgen.shape.LoadShape;
import dev.sockbench.loadgen.shape.Shape;
import java.util.Objects;

/**
 * One load generator case, complete and checked ({@code LoadOptions.resolve}): the shape and what
 * every shape shares, for one transport. Where the server is comes with the run ({@link #plan}),
 * so a suite can check a case before its server listens.
 *
 * @param shape what load
 * @param transport the transport the defaults and rules were applied for
 * @param framing stream framing ({@code length} or {@code raw}); datagrams are not framed
 * @param payloadBytes payload of each request, header included
 * @param threads worker threads (at most the connections), as resolved in this process (the
 *     default is the CPUs it may use)
 * @param warmupNs warm-up, discarded
 * @param durationNs measured interval (per step for a sweep)
 * @param timeoutNs a request unanswered this long counts as timed out (streams) or lost
 *     (datagrams)
 * @param seed seeds payload bodies and Poisson arrivals
 * @param catchUpFactor paced shapes: after falling behind, a connection sends its backlog at most
 *     this many times its rate; {@link Pacer#NO_CATCH_UP} when off (every late request is sent as
 *     soon as it can be)
 * @param handling what the server is asked to do with each request: the handler decides the
 *     requests sent and the replies expected; the work and the offload are recorded in the report
 */
public record LoadSpec(
        LoadShape shape,
        Transport transport,
        Framing framing,
        int payloadBytes,
        int threads,
        long warmupNs,
        long durationNs,
        long timeoutNs,
        long seed,
        double catchUpFactor,
        Handling handling) {
    public LoadSpec {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(handling, "handling");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(framing, "framing");
        if (catchUpFactor != Pacer.NO_CATCH_UP && !(shape.kind().paced() && catchUpFactor > 1)) {
            throw new IllegalArgumentException("a catch-up factor is > 1 and for paced shapes only");
        }
    }

    /** A spec of the plain echo. */
    public LoadSpec(
            LoadShape shape,
            Transport transport,
            Framing framing,
            int payloadBytes,
            int threads,
            long warmupNs,
            long durationNs,
            long timeoutNs,
            long seed,
            double catchUpFactor) {
        this(
                shape,
                transport,
                framing,
                payloadBytes,
                threads,
                warmupNs,
                durationNs,
                timeoutNs,
                seed,
                catchUpFactor,
                Handling.ECHO);
    }

    /**
     * The engine plan against {@code target} (a server of this spec's transport); a sweep's first
     * step for {@link LoadShape.Sweep}; the closed-loop ceiling run for {@link LoadShape.Capacity}
     * (its steps: {@link LoadPlan#paced}).
     */
    public LoadPlan plan(Endpoint target, ClientSocketPaths paths) {
        if (target.transport() != transport) {
            throw new IllegalArgumentException("the spec is for " + transport + ", the target " + target);
        }
        ClientOptions client = new ClientOptions(
                target, framing, payloadBytes, shape.depth(), seed, timeoutNs, paths, handling.handler());
        Mode mode = shape.kind() == Shape.CHURN
                ? Mode.CHURN
                : shape.kind().paced() && shape.kind() != Shape.CAPACITY ? Mode.PACED : Mode.CLOSED;
        int idle = shape instanceof LoadShape.IdleScale i ? i.idleConnections() : 0;
        Double rate = targetRatePerSec();
        return new LoadPlan(
                mode,
                client,
                shape.connections(),
                Math.min(threads, shape.connections()),
                rate != null ? rate : 0,
                arrival(),
                idle,
                warmupNs,
                durationNs,
                seed,
                catchUpFactor);
    }

    /**
     * The rate asked for, for paced shapes (a sweep: its start rate); null for closed shapes and
     * for capacity, whose rates come from its ceiling.
     */
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
            case LoadShape.Capacity c -> c.arrival();
            default -> null;
        };
    }
}
