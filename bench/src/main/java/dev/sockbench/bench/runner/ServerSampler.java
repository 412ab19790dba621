package dev.sockbench.bench.runner;

import dev.sockbench.bench.proc.ProcFs;
import dev.sockbench.bench.proc.ProcessSample;
import dev.sockbench.bench.proc.ProcessSample.TaskSwitches;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads the server's {@code /proc} counters over the measured interval, driven by the load
 * generator's phase markers: at {@code PHASE measure}, then every period while the interval
 * lasts, and at {@code PHASE done}. CPU time needs only the two ends (the kernel keeps exiting
 * threads' CPU time); context switches, peak threads and peak RSS need the readings in between
 * (see {@link SwitchTally}).
 *
 * <p>A reading costs the runner a file read per server thread, so the period stretches to at
 * least {@value #MAX_DUTY_INVERSE} times the CPU time the last reading took: the runner never
 * spends more than about 5% of a CPU on it, even with thousands of server threads.
 *
 * <p>{@link #onPhase} is called on the load generator's output thread; the readings in between
 * run on a thread of their own; {@link #result} is read after the load generator's output has
 * ended.
 */
final class ServerSampler {
    private static final int MAX_DUTY_INVERSE = 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * What the readings found.
     *
     * @param start the reading at the interval's start
     * @param end the reading at its end
     * @param switches context switches of all the server's threads inside the interval
     * @param peakThreads the most threads seen alive in the interval
     * @param peakRssBytes the largest resident set size seen in the interval
     * @param startEpochMs when the interval started, epoch ms
     * @param endEpochMs when it ended, epoch ms
     */
    record Interval(
            ProcessSample start,
            ProcessSample end,
            TaskSwitches switches,
            int peakThreads,
            long peakRssBytes,
            long startEpochMs,
            long endEpochMs) {}

    private final ProcFs proc;
    private final long pid;
    private final Duration period;
    private final LongSupplier epochMsClock;
    private final SwitchTally tally = new SwitchTally();
    private ProcessSample start;
    private ProcessSample end;
    private int peakThreads;
    private long peakRssBytes;
    private long startEpochMs;
    private long endEpochMs;
    private String error;
    private int readings;
    private Thread periodic;

    ServerSampler(ProcFs proc, long pid, Duration period, LongSupplier epochMsClock) {
        this.proc = proc;
        this.pid = pid;
        this.period = period;
        this.epochMsClock = epochMsClock;
    }

    /** A phase marker arrived. */
    void onPhase(String phase) {
        switch (phase) {
            case "measure" -> {
                long atMs = epochMsClock.getAsLong();
                ProcessSample s = read("measure");
                synchronized (this) {
                    startEpochMs = atMs;
                    start = s;
                }
                if (s != null) {
                    periodic = Thread.ofPlatform()
                            .daemon()
                            .name("server-sampler-" + pid)
                            .start(this::readPeriodically);
                }
            }
            case "done" -> {
                stopPeriodic();
                ProcessSample s = read("done");
                synchronized (this) {
                    end = s;
                    endEpochMs = epochMsClock.getAsLong();
                }
            }
            default -> {
                // warm-up, or a phase a later load generator adds: nothing to read.
            }
        }
    }

    /** The interval's figures; null when it did not start and end (then {@link #problem} says why). */
    synchronized Interval result() {
        if (start == null || end == null) {
            return null;
        }
        return new Interval(start, end, tally.total(), peakThreads, peakRssBytes, startEpochMs, endEpochMs);
    }

    /** Why {@link #result} is null. */
    synchronized String problem() {
        if (error != null) {
            return error;
        }
        return "the load generator printed no PHASE measure/done markers";
    }

    private void readPeriodically() {
        long waitNs = period.toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TimeUnit.NANOSECONDS.sleep(waitNs);
            } catch (InterruptedException e) {
                return;
            }
            // CPU time, not wall time: on a busy machine a reading may wait for a CPU, which costs nothing.
            long beforeCpuNs = THREADS.getCurrentThreadCpuTime();
            try {
                add(proc.sample(pid));
            } catch (IOException e) {
                return; // the server is gone: the case runner notices and fails the case
            }
            waitNs = Math.max(period.toNanos(), MAX_DUTY_INVERSE * (THREADS.getCurrentThreadCpuTime() - beforeCpuNs));
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

    private ProcessSample read(String phase) {
        try {
            ProcessSample s = proc.sample(pid);
            add(s);
            return s;
        } catch (IOException e) {
            synchronized (this) {
                // The first problem is the cause; later ones follow from it.
                error = error != null
                        ? error
                        : "cannot read the server's /proc entry at PHASE " + phase + ": " + e.getMessage();
            }
            return null;
        }
    }

    /** Readings taken so far (for tests). */
    synchronized int readings() {
        return readings;
    }

    private synchronized void add(ProcessSample s) {
        readings++;
        tally.add(s);
        peakThreads = Math.max(peakThreads, s.threads());
        peakRssBytes = Math.max(peakRssBytes, s.rssBytes());
    }
}
