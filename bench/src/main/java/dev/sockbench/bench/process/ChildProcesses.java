package dev.sockbench.bench.process;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The child processes a run has started and not yet reaped, so that Ctrl-C (or any JVM exit)
 * stops them instead of leaving orphans: {@link #stopAll}, called from a shutdown hook, sends
 * each SIGTERM, waits a moment, then kills what is left. Thread-safe.
 */
public final class ChildProcesses {
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private boolean stopped; // guarded by this

    /**
     * Starts {@code builder}'s process and remembers it until {@link #forget} or {@link #stopAll}.
     * Starting and stopping exclude each other: a process is either started before {@link
     * #stopAll} (and stopped by it) or refused after it, never left running by a JVM that exits
     * while the run's thread is still starting it.
     *
     * @throws IOException when the process cannot start, or the run is being stopped
     */
    public Process start(ProcessBuilder builder) throws IOException {
        synchronized (this) {
            if (stopped) {
                throw new IOException("the run is being stopped");
            }
            Process process = builder.start();
            live.add(process);
            return process;
        }
    }

    public void forget(Process process) {
        live.remove(process);
    }

    /**
     * Stops every tracked process (SIGTERM, then SIGKILL after a grace period) and every process
     * tracked from now on.
     */
    public void stopAll() {
        synchronized (this) {
            stopped = true;
        }
        for (Process p : live) {
            p.destroy();
        }
        long deadlineNs = System.nanoTime() + GRACE.toNanos();
        for (Process p : live) {
            try {
                long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0 || !p.waitFor(leftNs, TimeUnit.NANOSECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(GRACE.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
            live.remove(p);
        }
    }
}
