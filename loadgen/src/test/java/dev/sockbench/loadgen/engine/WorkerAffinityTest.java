package dev.sockbench.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockbench.core.process.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A worker thread pinned for real, read back from the kernel's view of that thread. */
class WorkerAffinityTest {

    @AfterEach
    void unconfigure() {
        WorkerAffinity.configure(new CpuSet(List.of()));
    }

    @Test
    void eachWorkerIsPinnedToItsCpuInTurnAndNothingElseIs() throws Exception {
        Path self = Path.of("/proc/thread-self/status");
        assumeTrue(Files.isReadable(self), "needs Linux /proc");
        int cpus = Runtime.getRuntime().availableProcessors();
        assumeTrue(cpus >= 2, "needs two CPUs this process may use");
        CpuSet allowed = allowedOf(Files.readAllLines(self));
        // Two of the CPUs this process may use, the second first: worker 0 on it, worker 1 on the first, worker 2 again
        // on it.
        CpuSet workers =
                new CpuSet(List.of(allowed.cpus().get(0), allowed.cpus().get(1)));
        WorkerAffinity.configure(workers);

        assertThat(pinnedInThread(0)).isEqualTo(allowed.cpus().get(0).toString());
        assertThat(pinnedInThread(1)).isEqualTo(allowed.cpus().get(1).toString());
        assertThat(pinnedInThread(2)).isEqualTo(allowed.cpus().get(0).toString());
        // The calling thread (the JVM's others alike) keeps the process's CPUs.
        assertThat(allowedOf(Files.readAllLines(self))).isEqualTo(allowed);
    }

    @Test
    void withNoCpusConfiguredNothingIsPinned() throws Exception {
        Path self = Path.of("/proc/thread-self/status");
        assumeTrue(Files.isReadable(self), "needs Linux /proc");
        CpuSet before = allowedOf(Files.readAllLines(self));
        AtomicReference<CpuSet> inThread = new AtomicReference<>();
        Thread t = new Thread(() -> {
            WorkerAffinity.pinCurrentThread(0);
            inThread.set(readSelf());
        });
        t.start();
        t.join();
        assertThat(inThread.get()).isEqualTo(before);
    }

    /** The CPU list a new thread has after pinning itself as worker {@code index}. */
    private static String pinnedInThread(int index) throws InterruptedException {
        AtomicReference<CpuSet> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            WorkerAffinity.pinCurrentThread(index);
            seen.set(readSelf());
        });
        t.start();
        t.join();
        return seen.get().toString();
    }

    private static CpuSet readSelf() {
        try {
            return allowedOf(Files.readAllLines(Path.of("/proc/thread-self/status")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CpuSet allowedOf(List<String> status) {
        return status.stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> CpuSet.parse(l.substring(l.indexOf(':') + 1)))
                .findFirst()
                .orElseThrow();
    }
}
