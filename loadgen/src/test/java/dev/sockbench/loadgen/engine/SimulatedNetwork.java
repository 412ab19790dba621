package dev.sockbench.loadgen.engine;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.loadgen.client.ClientOptions;
import dev.sockbench.loadgen.client.OrderedConnection;
import dev.sockbench.loadgen.pacing.FakeClock;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A network and an echo server simulated on an injected clock, for driving the production {@link
 * EventLoop} (and its drivers, pacers, timeline and recorders) deterministically: a discrete-event
 * simulation where waiting advances the clock to the next event.
 *
 * <p>The server is one FIFO queue with a fixed service time (M/D/1 when arrivals are Poisson), and
 * may be stopped for a while (SIGSTOP): what reaches it then is served after. The generator may be
 * stalled too (its thread descheduled): a wait that would end inside the stall ends at its end,
 * and the loop sees the gap.
 *
 * <p>Time advances only in {@link #pause} (one {@link #TICK_NS} per polling turn), {@link #park}
 * and {@link #poll}: the loop's own work takes no simulated time.
 */
final class SimulatedNetwork implements Poller {
    /** One polling turn of the loop. */
    static final long TICK_NS = 1_000;

    final FakeClock clock;
    private final long serviceNs;
    private final PriorityQueue<long[]> echoes = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final SimConnection[] byIndex;
    private ReadyHandler handler;
    private long serverFreeNs;
    private long serverStopFromNs = Long.MAX_VALUE;
    private long serverStopUntilNs = Long.MAX_VALUE;
    private long generatorStallFromNs = Long.MAX_VALUE;
    private long generatorStallUntilNs = Long.MAX_VALUE;

    SimulatedNetwork(FakeClock clock, long serviceNs, int connections) {
        this.clock = clock;
        this.serviceNs = serviceNs;
        this.byIndex = new SimConnection[connections];
    }

    /** The server process is stopped from {@code fromNs} until {@code untilNs} (SIGSTOP, SIGCONT). */
    SimulatedNetwork serverStopped(long fromNs, long untilNs) {
        serverStopFromNs = fromNs;
        serverStopUntilNs = untilNs;
        return this;
    }

    /** The generator's thread does not run from {@code fromNs} until {@code untilNs}. */
    SimulatedNetwork generatorStalled(long fromNs, long untilNs) {
        generatorStallFromNs = fromNs;
        generatorStallUntilNs = untilNs;
        return this;
    }

    /** A client connection over this network, depth {@code depth}. */
    SimConnection connection(int index, int depth, long timeoutNs) {
        SimConnection c = new SimConnection(options(depth, timeoutNs), index, this);
        byIndex[index] = c;
        return c;
    }

    static ClientOptions options(int depth, long timeoutNs) {
        return new ClientOptions(Endpoint.parse("tcp://127.0.0.1:1"), Framing.LENGTH, 64, depth, 1, timeoutNs, null);
    }

    /** A request reached the server at {@code atNs}: it is echoed when served. */
    private void arrive(SimConnection c, long atNs) {
        long startNs = Math.max(atNs, serverFreeNs);
        if (startNs >= serverStopFromNs && startNs < serverStopUntilNs) {
            startNs = serverStopUntilNs;
        }
        long doneNs = startNs + serviceNs;
        if (startNs < serverStopFromNs && doneNs > serverStopFromNs) {
            doneNs += serverStopUntilNs - serverStopFromNs;
        }
        serverFreeNs = doneNs;
        echoes.add(new long[] {doneNs, c.index});
    }

    /** Where the clock lands when the loop means to reach {@code ns}: after the generator stall if inside it. */
    private long landing(long ns) {
        return ns >= generatorStallFromNs && ns < generatorStallUntilNs ? generatorStallUntilNs : ns;
    }

    @Override
    public void handler(ReadyHandler handler) {
        this.handler = handler;
    }

    @Override
    public Selector selector() {
        return null;
    }

    @Override
    public int pollNow() {
        long now = clock.nanoTime();
        int ready = 0;
        while (!echoes.isEmpty() && echoes.peek()[0] <= now) {
            long[] e = echoes.poll();
            byIndex[(int) e[1]].arrived.add(e[0]);
            ready++;
        }
        if (ready > 0) {
            for (SimConnection c : byIndex) {
                if (c != null && !c.arrived.isEmpty()) {
                    handler.onReady(c, SelectionKey.OP_READ);
                }
            }
        }
        return ready;
    }

    @Override
    public int poll(long timeoutMs) {
        long untilNs = clock.nanoTime() + timeoutMs * 1_000_000;
        if (!echoes.isEmpty()) {
            untilNs = Math.min(untilNs, echoes.peek()[0]);
        }
        clock.advanceTo(landing(Math.max(untilNs, clock.nanoTime())));
        return pollNow();
    }

    @Override
    public void park(long ns) {
        clock.advanceTo(landing(clock.nanoTime() + ns));
    }

    @Override
    public void pause(boolean yield) {
        clock.advanceTo(landing(clock.nanoTime() + TICK_NS));
    }

    @Override
    public void wakeup() {}

    @Override
    public void close() {}

    /**
     * A client connection over the simulated network: requests reach the server when flushed,
     * echoes come back in order. Its accounting is {@code StreamConnection}'s own ({@link
     * OrderedConnection}); only the bytes are left out.
     */
    static final class SimConnection extends OrderedConnection {
        private final SimulatedNetwork network;
        private final ArrayDeque<Long> arrived = new ArrayDeque<>();
        private int unflushed;
        private boolean open;

        SimConnection(ClientOptions options, int index, SimulatedNetwork network) {
            super(options, index);
            this.network = network;
        }

        @Override
        public boolean open(Selector selector) {
            open = true;
            return true;
        }

        @Override
        public boolean finishConnect() {
            return true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void send(long intendedNs, long sentNs, Tally tally) {
            inFlight.add(intendedNs, sentNs);
            unflushed++;
        }

        @Override
        public boolean flush(Tally tally) {
            for (; unflushed > 0; unflushed--) {
                network.arrive(this, network.clock.nanoTime());
            }
            return true;
        }

        @Override
        public int read(long nowNs, LatencyRecorder recorder, Tally tally) {
            int answered = 0;
            for (; !arrived.isEmpty(); answered++) {
                arrived.poll();
                inFlight.answerHead(nowNs, recorder, tally);
            }
            return answered;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
