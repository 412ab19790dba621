package dev.sockbench.loadgen.engine;

import dev.sockbench.core.process.Phase;
import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.IdleConnections;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.RequestAccounting;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.WarmupPolicy;
import dev.sockbench.loadgen.check.CpuMeter;
import dev.sockbench.loadgen.client.Connection;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Runs one {@link LoadPlan}: opens the connections (and any idle ones), starts the workers at a
 * common start time, announces the phases, collects one interval histogram per second from every
 * worker's recorder during the measured interval, then waits for the workers to drain their
 * requests in flight, and adds everything up.
 *
 * <pre>
 *   connect ── start ── warm-up ── measure (1 s intervals) ── done ── drain (≤ timeout) ── result
 * </pre>
 *
 * Interval histograms are merged by adding them, never by averaging percentiles. The last
 * interval may be shorter (the drain: echoes of requests intended before the end).
 *
 * <p>Threading: {@link #run} runs on the caller's thread, which also calls the listener and the
 * sink; the workers run on their own threads.
 */
public final class LoadEngine {
    /** Told of the phases and of progress, on the run's thread. */
    public interface Listener {
        default void phase(Phase phase) {}

        /** One line of progress, about once a second. */
        default void progress(String line) {}

        /**
         * Does with {@code line} what {@link #progress} does, to nowhere: called at every tick of
         * the warm-up, so that printing a line is compiled before the measured interval rather
         * than in it, once a second, on the generator's CPU.
         */
        default void rehearseProgress(String line) {}
    }

    /**
     * Receives each interval's histograms (ns), encoded as the log keeps them ({@link
     * LatencyLog#write(String, LatencyLog.Encoded)}), with their start and end (epoch ms).
     */
    @FunctionalInterface
    public interface IntervalSink {
        /** One interval of the measured interval. */
        void interval(LatencyLog.Encoded corrected, LatencyLog.Encoded raw) throws IOException;

        /**
         * One interval of the warm-up: do the work {@link #interval} does and keep nothing, so that
         * it is compiled before the measured interval (see the class comment). Default: nothing.
         */
        default void rehearse(LatencyLog.Encoded corrected, LatencyLog.Encoded raw) throws IOException {}
    }

    /** Length of one logged interval. */
    public static final long INTERVAL_NS = 1_000_000_000L;
    /** Threads are started this long before the first send, so that all start together. */
    static final long START_DELAY_NS = 50_000_000L;
    /** Connections must be up within this long. */
    static final long CONNECT_TIMEOUT_NS = 10_000_000_000L;

    private final NanoClock clock;
    private final CpuMeter cpu;
    private volatile boolean stopRequested;
    /** The thread in {@link #run}, woken by a stop request. */
    private volatile Thread runThread;

    public LoadEngine(NanoClock clock, CpuMeter cpu) {
        this.clock = clock;
        this.cpu = cpu;
    }

    /** Runs the plan to its end (or until every connection was lost). */
    public LoadResult run(LoadPlan plan, Listener listener, IntervalSink sink) throws IOException {
        runThread = Thread.currentThread();
        // The first readings load the JVM's management and file classes, milliseconds of work:
        // done now, not as the measured interval begins.
        cpu.cpuNs();
        cpu.stealNs();
        Transport transport = plan.client().target().transport();
        IdleConnectionsHolder idle = plan.idleConnections() > 0
                ? IdleConnectionsHolder.open(plan.client().target(), plan.idleConnections(), clock, CONNECT_TIMEOUT_NS)
                : null;
        EventLoop[] workers = new EventLoop[plan.threads()];
        boolean started = false;
        try {
            for (int w = 0; w < workers.length; w++) {
                Connection[] connections = new Connection[plan.connectionsOf(w)];
                for (int j = 0; j < connections.length; j++) {
                    connections[j] = Connection.forTransport(plan.client(), j);
                }
                workers[w] = new EventLoop(clock, plan, w, new SelectorPoller(transport), connections);
            }
            long connectDeadlineNs = clock.nanoTime() + CONNECT_TIMEOUT_NS;
            for (EventLoop worker : workers) {
                worker.connect(connectDeadlineNs);
            }

            long startNs = clock.nanoTime() + START_DELAY_NS;
            long measureStartNs = startNs + plan.warmupNs();
            long measureEndNs = measureStartNs + plan.durationNs();
            EpochMs epoch = new EpochMs(clock);
            for (EventLoop worker : workers) {
                worker.start(startNs, measureStartNs, measureEndNs, WarmupPolicy.REHEARSAL_PERIOD_NS);
            }
            started = true;

            Collector collector = new Collector(workers, EventLoop::recorder, epoch, sink);
            sleepUntil(startNs, workers);
            listener.phase(Phase.WARMUP);
            rehearse(plan, workers, epoch, sink, listener, startNs, measureStartNs);
            sleepUntil(measureStartNs, workers);
            long cpuStartNs = cpu.cpuNs();
            long stealStartNs = cpu.stealNs();
            listener.phase(Phase.MEASURE);

            long endNs = measureEndNs;
            Ending ending = Ending.COMPLETE;
            for (long from = measureStartNs; from < measureEndNs; ) {
                long tick = Math.min(from + INTERVAL_NS, measureEndNs);
                if (!sleepUntil(tick, workers)) {
                    ending = stopRequested ? Ending.INTERRUPTED : Ending.ALL_CONNECTIONS_LOST;
                    endNs = Math.max(from, clock.nanoTime());
                    collector.collect(from, endNs, false);
                    break;
                }
                collector.collect(from, tick, false);
                listener.progress(
                        collector.progressLine("measure", tick - measureStartNs, plan.durationNs(), tick - from));
                from = tick;
            }
            long cpuEndNs = cpu.cpuNs();
            long stealEndNs = cpu.stealNs();
            listener.phase(Phase.DONE);

            if (ending == Ending.INTERRUPTED) {
                for (EventLoop worker : workers) {
                    worker.abort();
                }
            }
            joinAll(workers);
            long drainedNs = Math.max(endNs, clock.nanoTime());
            collector.collect(endNs, drainedNs, true);

            long stealNs = stealStartNs == CpuMeter.UNKNOWN || stealEndNs == CpuMeter.UNKNOWN
                    ? CpuMeter.UNKNOWN
                    : stealEndNs - stealStartNs;
            return result(
                    plan, workers, collector, endNs - measureStartNs, cpuEndNs - cpuStartNs, stealNs, idle, ending);
        } finally {
            if (started) {
                for (EventLoop worker : workers) {
                    worker.abort();
                }
                joinAll(workers);
            }
            if (idle != null) {
                idle.close();
            }
        }
    }

    /**
     * The warm-up, which rehearses the measured interval: every {@link WarmupPolicy#REHEARSAL_TICK_NS} the
     * workers' rehearsal recordings are collected, added up and logged as the measured ones will
     * be, and thrown away; a progress line a second. On a generator pinned to one CPU this
     * thread shares it with the workers, and code it first ran in the measured interval
     * (interpreted, then compiled there) stalled them for milliseconds, every second at first.
     */
    private void rehearse(
            LoadPlan plan,
            EventLoop[] workers,
            EpochMs epoch,
            IntervalSink sink,
            Listener listener,
            long startNs,
            long measureStartNs)
            throws IOException {
        Collector rehearsal =
                new Collector(workers, EventLoop::rehearsalRecorder, epoch, sink == null ? null : sink::rehearse);
        long nextProgressNs = startNs + INTERVAL_NS;
        // No collection at the measured interval's start itself: the workers have it to themselves.
        for (long from = startNs, tick = from + WarmupPolicy.REHEARSAL_TICK_NS;
                tick < measureStartNs;
                from = tick, tick += WarmupPolicy.REHEARSAL_TICK_NS) {
            if (!sleepUntil(tick, workers)) {
                return;
            }
            rehearsal.collect(from, tick, false);
            String line = rehearsal.progressLine("warmup ", tick - startNs, plan.warmupNs(), tick - from);
            listener.rehearseProgress(line);
            if (tick >= nextProgressNs) {
                listener.progress(line);
                nextProgressNs += INTERVAL_NS;
                rehearsal.forget();
            }
        }
    }

    private LoadResult result(
            LoadPlan plan,
            EventLoop[] workers,
            Collector collector,
            long measuredNs,
            long cpuNs,
            long stealNs,
            IdleConnectionsHolder idle,
            Ending ending) {
        LatencyRecorder.Interval totals = collector.totals();
        ErrorCounts errors = ErrorCounts.NONE;
        DatagramCounts datagrams = DatagramCounts.NONE;
        long completed = 0;
        long connectionsLost = 0;
        double busiest = 0;
        String firstError = idle == null ? null : idle.firstError();
        RequestAccounting accounting = RequestAccounting.NONE;
        boolean paced = plan.mode() == Mode.PACED;
        Histogram sendLag = paced ? LatencyRecorder.newHistogram() : null;
        Histogram blocked = paced ? LatencyRecorder.newHistogram() : null;
        for (EventLoop worker : workers) {
            if (worker.failure() != null) {
                throw new IllegalStateException("load generator worker failed", worker.failure());
            }
            Tally tally = worker.tally();
            errors = errors.plus(tally.errors());
            datagrams = datagrams.plus(tally.datagrams());
            accounting = accounting.plus(tally.accounting());
            completed += tally.completedInInterval;
            connectionsLost += worker.connectionsLost();
            busiest = Math.max(busiest, worker.busyPercent());
            if (paced) {
                sendLag.add(worker.sendLagNs());
                blocked.add(worker.blockedNs());
            }
            if (firstError == null) {
                firstError = worker.firstError();
            }
        }
        IdleConnections idleCounts = null;
        if (idle != null) {
            errors = errors.plus(new ErrorCounts(idle.connectErrors(), 0, 0, 0, 0));
            idleCounts = new IdleConnections(idle.requested(), idle.opened(), idle.countStillOpen());
        }
        boolean datagram = !plan.client().target().transport().streamOriented();
        return new LoadResult(
                plan,
                totals.corrected(),
                totals.raw(),
                sendLag,
                blocked,
                errors,
                datagram ? datagrams : null,
                accounting,
                completed,
                measuredNs / 1e9,
                cpuNs,
                stealNs,
                busiest,
                idleCounts,
                connectionsLost,
                ending,
                firstError);
    }

    /**
     * Asks a run in progress to end its measured interval now and return what it has (the
     * generator got SIGINT or SIGTERM). Thread-safe; a run not yet started ends at once.
     */
    public void requestStop() {
        stopRequested = true;
        Thread thread = runThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** True once {@link #requestStop} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Sleeps until {@code whenNs}; false when every worker finished before then, or stop was asked.
     * It sleeps in one piece (a stop request and the last worker to finish wake it): on a
     * generator given one CPU, each wake-up of this thread delays the workers by tens of µs.
     */
    private boolean sleepUntil(long whenNs, EventLoop[] workers) {
        long remaining;
        while ((remaining = whenNs - clock.nanoTime()) > 0) {
            if (stopRequested || allFinished(workers)) {
                return false;
            }
            LockSupport.parkNanos(remaining);
        }
        return true;
    }

    private static boolean allFinished(EventLoop[] workers) {
        for (EventLoop worker : workers) {
            if (!worker.finished()) {
                return false;
            }
        }
        return true;
    }

    private static void joinAll(EventLoop[] workers) {
        for (EventLoop worker : workers) {
            if (worker == null) {
                continue;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    worker.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    worker.abort();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Maps the generator's nanosecond clock to epoch milliseconds for the log's timestamps. */
    private record EpochMs(long epochMsAtRef, long refNs) {
        EpochMs(NanoClock clock) {
            this(System.currentTimeMillis(), clock.nanoTime());
        }

        long at(long ns) {
            return epochMsAtRef + Math.floorDiv(ns - refNs, 1_000_000L);
        }
    }

    /**
     * Takes each worker's interval histograms (from the recorder {@code recorderOf} names), adds
     * them up (with one worker, takes them as they are), encodes them and hands them to the sink.
     * That is all it does during the measured interval — a few tens of µs a second on the
     * generator's CPU; the totals are added up from the kept encodings at the end ({@link
     * #totals}). The warm-up's collector is another instance of the same code: rehearsal
     * recorders, the sink's {@link IntervalSink#rehearse}.
     */
    private static final class Collector {
        private final EventLoop[] workers;
        private final Function<EventLoop, LatencyRecorder> recorderOf;
        private final EpochMs epoch;
        private final IntervalSink sink;
        private final LatencyRecorder.Interval[] recycle;
        /** Where several workers' intervals are added up; null with one worker, whose are taken as they are. */
        private final LatencyRecorder.Interval sum;

        private final LatencyLog.Encoder encoder = new LatencyLog.Encoder();
        private final List<LatencyLog.Encoded> keptCorrected = new ArrayList<>();
        private final List<LatencyLog.Encoded> keptRaw = new ArrayList<>();
        private long lastCount;
        private double lastP50Us;
        private double lastP99Us;

        Collector(
                EventLoop[] workers,
                Function<EventLoop, LatencyRecorder> recorderOf,
                EpochMs epoch,
                IntervalSink sink) {
            this.workers = workers;
            this.recorderOf = recorderOf;
            this.epoch = epoch;
            this.sink = sink;
            this.recycle = new LatencyRecorder.Interval[workers.length];
            this.sum = workers.length == 1 ? null : LatencyRecorder.Interval.empty();
        }

        /** Collects one interval; a drain interval that recorded nothing is left out of the log. */
        void collect(long fromNs, long toNs, boolean drain) throws IOException {
            Histogram corrected;
            Histogram raw;
            if (workers.length == 1) {
                recycle[0] = recorderOf.apply(workers[0]).take(recycle[0]);
                corrected = recycle[0].corrected();
                raw = recycle[0].raw();
            } else {
                sum.corrected().reset();
                sum.raw().reset();
                for (int i = 0; i < workers.length; i++) {
                    recycle[i] = recorderOf.apply(workers[i]).take(recycle[i]);
                    sum.corrected().add(recycle[i].corrected());
                    sum.raw().add(recycle[i].raw());
                }
                corrected = sum.corrected();
                raw = sum.raw();
            }
            lastCount = corrected.getTotalCount();
            if (drain && lastCount == 0 && raw.getTotalCount() == 0) {
                return;
            }
            lastP50Us = lastCount == 0 ? 0.0 : corrected.getValueAtPercentile(50) / 1e3;
            lastP99Us = lastCount == 0 ? 0.0 : corrected.getValueAtPercentile(99) / 1e3;
            for (Histogram h : new Histogram[] {corrected, raw}) {
                h.setStartTimeStamp(epoch.at(fromNs));
                h.setEndTimeStamp(epoch.at(toNs));
            }
            LatencyLog.Encoded encodedCorrected = encoder.encode(corrected);
            LatencyLog.Encoded encodedRaw = encoder.encode(raw);
            keptCorrected.add(encodedCorrected);
            keptRaw.add(encodedRaw);
            if (sink != null) {
                sink.interval(encodedCorrected, encodedRaw);
            }
        }

        /** Drops the intervals kept so far (the warm-up's, which nothing adds up). */
        void forget() {
            keptCorrected.clear();
            keptRaw.clear();
        }

        /** Every interval collected, added up: corrected and raw. Called once, at the end. */
        LatencyRecorder.Interval totals() {
            LatencyRecorder.Interval totals = LatencyRecorder.Interval.empty();
            keptCorrected.forEach(e -> totals.corrected().add(LatencyLog.decode(e)));
            keptRaw.forEach(e -> totals.raw().add(LatencyLog.decode(e)));
            return totals;
        }

        /** A progress line about the last interval collected, {@code intervalNs} long. */
        String progressLine(String phase, long elapsedNs, long durationNs, long intervalNs) {
            long errors = 0;
            for (EventLoop w : workers) {
                Tally t = w.tally();
                // Read while the workers write: approximate, for progress only.
                errors += t.connectErrors + t.readErrors + t.writeErrors + t.timeoutErrors + t.verifyErrors;
            }
            return String.format(
                    Locale.ROOT,
                    "%s %ds/%ds  %d req/s  p50 %.1fus  p99 %.1fus  errors %d",
                    phase,
                    Math.round(elapsedNs / 1e9),
                    Math.round(durationNs / 1e9),
                    Math.round(lastCount * 1e9 / intervalNs),
                    lastP50Us,
                    lastP99Us,
                    errors);
        }
    }
}
