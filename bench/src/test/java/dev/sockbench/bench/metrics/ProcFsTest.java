package dev.sockbench.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.result.KernelCounters;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {
    private static final long SELF = ProcessHandle.current().pid();

    static Path fixture() throws URISyntaxException {
        return Path.of(ProcFsTest.class.getResource("/proc-fixture").toURI());
    }

    @Test
    void readsAFixtureProcessExactly() throws Exception {
        ProcessSample s = new ProcFs(fixture()).sample(4242);

        assertThat(s).isEqualTo(new ProcessSample(2, 51_200L * 1024));
    }

    @Test
    void readsTheKernelDropCountersFromTheirOwnTables() throws Exception {
        KernelCounters k = new ProcFs(fixture()).kernelCounters();

        // "UdpLite:" has the same column names; only the "Udp:" table counts.
        assertThat(k).isEqualTo(new KernelCounters(7L, 9L, 5L, 6L));
    }

    @Test
    void aCounterThisKernelDoesNotOfferIsUnknownNotZero(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("net"));
        Files.copy(fixture().resolve("net/snmp"), root.resolve("net/snmp"));
        Files.writeString(root.resolve("net/netstat"), "TcpExt: ListenOverflows TCPHPHits\nTcpExt: 5 17\n");

        KernelCounters k = new ProcFs(root).kernelCounters();

        assertThat(k.listenOverflows()).isEqualTo(5L);
        assertThat(k.listenDrops()).isNull();
        // and stays unknown over a case
        assertThat(k.minus(k).listenDrops()).isNull();
        assertThat(k.minus(k).listenOverflows()).isZero();
    }

    @Test
    void aMissingProcessIsNoSuchFile() {
        assertThatThrownBy(() -> new ProcFs(fixture()).sample(999_999)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void readsThisProcessAndSeesItsThreads() throws Exception {
        ProcFs proc = ProcFs.system();
        ProcessSample before = proc.sample(SELF);
        int extra = 50;
        CountDownLatch started = new CountDownLatch(extra);
        CountDownLatch exit = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < extra; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    exit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        started.await();
        ProcessSample with = proc.sample(SELF);
        exit.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(before.threads()).isPositive();
        assertThat(before.rssBytes()).isGreaterThan(1024 * 1024);
        // The JVM may end a few threads of its own meanwhile (compiler threads come and go).
        assertThat(with.threads()).isGreaterThanOrEqualTo(before.threads() + extra - 10);
    }

    @Test
    void parsesStatusAndTablesDirectly() {
        assertThat(ProcFs.parseStatus("Threads:\t7\nVmRSS:\t  12 kB\n"))
                .containsEntry("Threads", "7")
                .containsEntry("VmRSS", "12 kB");
        assertThat(ProcFs.parseHeaderValueTable("X: a b\nX: 1 2\n", "X"))
                .containsEntry("a", 1L)
                .containsEntry("b", 2L);
        assertThat(ProcFs.parseHeaderValueTable("Y: a\nY: 1\n", "X")).isEmpty();
    }
}
