package dev.sockbench.bench.process;

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
    private volatile boolean stopped;

    /**
     * Remembers {@code process} until {@link #forget} or {@link #stopAll}. A process started after
     * {@link #stopAll} (the run's thread raced the shutdown hook) is killed at once.
     */
    public Process track(Process process) {
        live.add(process);
        if (stopped) {
            process.destroyForcibly();
        }
        return process;
    }

    public void forget(Process process) {
        live.remove(process);
    }

    /**
     * Stops every tracked process (SIGTERM, then SIGKILL after a grace period) and every process
     * tracked from now on.
     */
    public void stopAll() {
        stopped = true;
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
