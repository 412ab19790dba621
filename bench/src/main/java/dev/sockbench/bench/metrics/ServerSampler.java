package dev.sockbench.bench.metrics;

import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.process.Phase;
import dev.sockbench.core.process.ProcessLines;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measures the server over the measured interval, driven by the load generator's phase markers.
 *
 * <ul>
 *   <li>CPU time and context switches: at {@code PHASE measure} and at {@code PHASE done} the
 *       server is asked for its resource usage ({@link ResourceUsage}, the server's own {@code
 *       getrusage}: all its threads, exited ones included); the interval's are the difference.
 *   <li>Peak threads and RSS: {@code /proc/<pid>/status} (one small file, however many threads the
 *       server has) at both markers and every period between them.
 * </ul>
 *
 * <p>When the server does not answer at {@code PHASE measure} it is not asked again at {@code PHASE
 * done} (a difference needs both); the interval then has no usage and says why, and the peaks
 * stand.
 *
 * <p>{@link #onPhase} is called on the load generator's output thread; the readings in between
 * run on a thread of their own; {@link #result} is read after the load generator's output has
 * ended.
 */
public final class ServerSampler {

    /** Asks the server for its resource usage so far. */
    @FunctionalInterface
    public interface UsageSource {
        /**
         * @throws IOException when the server does not answer (in time) or cannot be asked
         */
        ResourceUsage read() throws IOException;
    }

    /**
     * What the readings found.
     *
     * @param usageStart the server's usage at the interval's start; null when it did not answer
     * @param usageEnd its usage at the interval's end; null when it did not answer
     * @param usageProblem why the usage is missing; null when both readings were answered
     * @param peakThreads the most threads seen alive in the interval
     * @param peakRssBytes the largest resident set size seen in the interval
     * @param startEpochMs when the interval started, epoch ms
     * @param endEpochMs when it ended, epoch ms
     */
    public record Interval(
            ResourceUsage usageStart,
            ResourceUsage usageEnd,
            String usageProblem,
            int peakThreads,
            long peakRssBytes,
            long startEpochMs,
            long endEpochMs) {}

    private final ProcFs proc;
    private final long pid;
    private final UsageSource usage;
    private final Duration period;
    private final LongSupplier epochMsClock;
    private ResourceUsage usageStart;
    private ResourceUsage usageEnd;
    private String usageProblem;
    private boolean started;
    private boolean ended;
    private int peakThreads;
    private long peakRssBytes;
    private long startEpochMs;
    private long endEpochMs;
    private String error;
    private int readings;
    private Thread periodic;

    public ServerSampler(ProcFs proc, long pid, UsageSource usage, Duration period, LongSupplier epochMsClock) {
        this.proc = proc;
        this.pid = pid;
        this.usage = usage;
        this.period = period;
        this.epochMsClock = epochMsClock;
    }

    /** A phase marker arrived. */
    public void onPhase(Phase phase) {
        switch (phase) {
            case MEASURE -> {
                long atMs = epochMsClock.getAsLong();
                ResourceUsage u = askUsage(phase);
                boolean read = read(phase);
                synchronized (this) {
                    startEpochMs = atMs;
                    usageStart = u;
                    started = read;
                }
                if (read) {
                    periodic = Thread.ofPlatform()
                            .daemon()
                            .name("server-sampler-" + pid)
                            .start(this::readPeriodically);
                }
            }
            case DONE -> {
                stopPeriodic();
                boolean read = read(phase);
                ResourceUsage u = usageStart() == null ? null : askUsage(phase);
                synchronized (this) {
                    usageEnd = u;
                    ended = read;
                    endEpochMs = epochMsClock.getAsLong();
                }
            }
            case WARMUP -> {
                // nothing to read before the measured interval
            }
        }
    }

    /** The interval's figures; null when it did not start and end (then {@link #problem} says why). */
    public synchronized Interval result() {
        if (!started || !ended) {
            return null;
        }
        return new Interval(usageStart, usageEnd, usageProblem, peakThreads, peakRssBytes, startEpochMs, endEpochMs);
    }

    /** Why {@link #result} is null. */
    public synchronized String problem() {
        if (error != null) {
            return error;
        }
        return "the load generator printed no PHASE measure/done markers";
    }

    /** Readings of {@code /proc} taken so far (for tests). */
    synchronized int readings() {
        return readings;
    }

    private synchronized ResourceUsage usageStart() {
        return usageStart;
    }

    private ResourceUsage askUsage(Phase phase) {
        try {
            return usage.read();
        } catch (IOException e) {
            synchronized (this) {
                usageProblem =
                        "no resource usage from the server at " + ProcessLines.phase(phase) + ": " + e.getMessage();
            }
            return null;
        }
    }

    private void readPeriodically() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TimeUnit.NANOSECONDS.sleep(period.toNanos());
                add(proc.sample(pid));
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                return; // the server is gone: the case runner notices and fails the case
            }
        }
    }

    private void stopPeriodic() {
        Thread t = periodic;
        if (t != null) {
            t.interrupt();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One reading of {@code /proc}; false (and the problem noted) when the server's entry is gone. */
    private boolean read(Phase phase) {
        try {
            add(proc.sample(pid));
            return true;
        } catch (IOException e) {
            synchronized (this) {
                // The first problem is the cause; later ones follow from it.
                error = error != null
                        ? error
                        : "cannot read the server's /proc entry at " + ProcessLines.phase(phase) + ": "
                                + e.getMessage();
            }
            return false;
        }
    }

    private synchronized void add(ProcessSample s) {
        readings++;
        peakThreads = Math.max(peakThreads, s.threads());
        peakRssBytes = Math.max(peakRssBytes, s.rssBytes());
    }
}
