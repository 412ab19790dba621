package dev.sockbench.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real pin (a virtual thread parking inside a class initializer), recorded and counted. */
class PinnedVirtualThreadsTest {

    /** Parks in its initializer: a virtual thread running it cannot unmount, so it pins. */
    static final class ParksWhileInitializing {
        static {
            LockSupport.parkNanos(2_000_000);
        }

        static void load() {}
    }

    @Test
    void aVirtualThreadBlockedInAClassInitializerIsCountedInsideItsIntervalOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pinned.jfr");
        long beforeMs;
        long afterMs;
        try (PinnedVirtualThreads recording = PinnedVirtualThreads.record(file)) {
            // An unpinned park first: it must not count.
            Thread.ofVirtual().start(() -> LockSupport.parkNanos(1_000_000)).join();
            beforeMs = System.currentTimeMillis();
            Thread.ofVirtual().start(ParksWhileInitializing::load).join();
            afterMs = System.currentTimeMillis();
        }

        assertThat(PinnedVirtualThreads.count(file, beforeMs, afterMs)).isEqualTo(1);
        assertThat(PinnedVirtualThreads.count(file, afterMs + 1, afterMs + 60_000))
                .isZero();
    }
}
