package dev.sockbench.loadgen.client;

import dev.sockbench.loadgen.recording.InFlightQueue;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;

/**
 * A connection whose echoes come back in the order the requests left (a stream): its requests in
 * flight, their timeouts and their fates are kept by an {@link InFlightQueue}. Subclasses move the
 * bytes: {@link StreamConnection} over a socket, tests over a simulated network.
 */
public abstract class OrderedConnection extends Connection {
    /** The requests in flight, oldest first. */
    protected final InFlightQueue inFlight;

    protected OrderedConnection(ClientOptions options, int index) {
        super(options, index);
        this.inFlight = new InFlightQueue(options.depth());
    }

    @Override
    public final boolean streamOriented() {
        return true;
    }

    @Override
    public final boolean hasRoom() {
        return !inFlight.isFull();
    }

    @Override
    public final int inFlight() {
        return inFlight.size();
    }

    /** Counts a timeout for the oldest request once it is overdue; it stays in flight (a stream loses nothing). */
    @Override
    public final int expire(long nowNs, long timeoutNs, Tally tally, LatencyRecorder recorder) {
        inFlight.expireHead(nowNs, timeoutNs, tally);
        return 0;
    }

    @Override
    public final void abandon(long timeoutNs, Tally tally, LatencyRecorder recorder) {
        inFlight.abandonAll(timeoutNs, tally, recorder);
    }

    @Override
    public final void failInFlight(Tally tally) {
        inFlight.failAll(tally);
    }
}
