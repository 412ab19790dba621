package dev.sockbench.loadgen.pacing;

/**
 * The intended send times of one connection's requests, in order: the schedule an open-loop load
 * follows whatever the server does. Latency is measured from these times (wrk2), so a server that
 * stalls is charged for every request that should have been sent during the stall.
 *
 * <p>Example: {@code new ConstantFireTimes(0, 1_000.0)} returns 0, 1,000,000, 2,000,000, ... ns.
 *
 * <p>Not thread-safe: one sequence per connection, used by its worker thread.
 */
public interface FireTimeSequence {
    /** The next intended send time, ns on the generator's {@link NanoClock}; never decreasing. */
    long nextFireTimeNs();
}
