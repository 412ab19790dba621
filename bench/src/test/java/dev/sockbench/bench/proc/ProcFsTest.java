package dev.sockbench.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.bench.proc.ProcessSample.TaskSwitches;
import dev.sockbench.core.result.KernelCounters;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ProcFsTest {
    private static final long SELF = ProcessHandle.current().pid();

    static Path fixture() throws URISyntaxException {
        return Path.of(ProcFsTest.class.getResource("/proc-fixture").toURI());
    }

    @Test
    void readsAFixtureProcessExactly() throws Exception {
        ProcessSample s = new ProcFs(fixture()).sample(4242);

        // The command name holds spaces and parentheses: fields count from the last ')'.
        assertThat(s.userTicks()).isEqualTo(1500);
        assertThat(s.sysTicks()).isEqualTo(250);
        assertThat(s.threads()).isEqualTo(2);
        assertThat(s.rssBytes()).isEqualTo(51_200L * 1024);
        // Per thread, from task/*/status, not the process's own (leader-only) status line.
        assertThat(s.tasks())
                .containsEntry(4242L, new TaskSwitches(10, 2))
                .containsEntry(4250L, new TaskSwitches(700, 30))
                .hasSize(2);
    }

    @Test
    void readsTheKernelDropCountersFromTheirOwnTables() throws Exception {
        KernelCounters k = new ProcFs(fixture()).kernelCounters();

        // "UdpLite:" has the same column names; only the "Udp:" table counts.
        assertThat(k).isEqualTo(new KernelCounters(7, 9, 5, 6));
    }

    @Test
    void aMissingProcessIsNoSuchFile() throws Exception {
        assertThatThrownBy(() -> new ProcFs(fixture()).sample(999_999)).isInstanceOf(NoSuchFileException.class);
        assertThat(new ProcFs(fixture()).exists(4242)).isTrue();
        assertThat(new ProcFs(fixture()).exists(999_999)).isFalse();
    }

    @Test
    void readsThisProcess() throws Exception {
        ProcessSample s = ProcFs.system().sample(SELF);

        assertThat(s.pid()).isEqualTo(SELF);
        assertThat(s.threads()).isPositive();
        assertThat(s.rssBytes()).isGreaterThan(1024 * 1024);
        assertThat(s.tasks()).containsKey(SELF); // the main thread's id is the process id
        assertThat(s.userTicks() + s.sysTicks()).isPositive(); // a JVM has run some code by now
    }

    @Test
    void cpuTimeGrowsWhileThisProcessComputes() throws Exception {
        ProcFs proc = ProcFs.system();
        ProcessSample before = proc.sample(SELF);
        long deadlineNs = System.nanoTime() + 30_000_000_000L;
        long sink = 0;
        ProcessSample after = before;
        // Burn CPU until the kernel has charged at least two ticks; a deadline, never a fixed time.
        while (after.userTicks() + after.sysTicks() < before.userTicks() + before.sysTicks() + 2) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += i * 31L ^ sink;
            }
            after = proc.sample(SELF);
            assertThat(System.nanoTime()).as("CPU time never grew").isLessThan(deadlineNs);
        }
        assertThat(sink).isNotZero();
        assertThat(after.userTicks()).isGreaterThanOrEqualTo(before.userTicks());
    }

    @Test
    void aThreadThatBlocksCountsVoluntarySwitches() throws Exception {
        ProcFs proc = ProcFs.system();
        Thread sleeper = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 50; i++) {
                LockSupport.parkNanos(1_000_000); // each park gives up the CPU: a voluntary switch
            }
        });
        sleeper.join();
        ProcessSample s = proc.sample(SELF);
        long total =
                s.tasks().values().stream().mapToLong(TaskSwitches::voluntary).sum();
        assertThat(total).isPositive();
    }

    @Test
    void parsesStatStatusAndTablesDirectly() {
        long[] cpu = ProcFs.parseStatCpuTicks(
                "77 (a) b) R 1 77 77 0 -1 0 0 0 0 0 42 17 0 0 20 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0");
        assertThat(cpu).containsExactly(42, 17);
        assertThat(ProcFs.parseStatus("Threads:\t7\nVmRSS:\t  12 kB\n"))
                .containsEntry("Threads", "7")
                .containsEntry("VmRSS", "12 kB");
        assertThat(ProcFs.parseHeaderValueTable("X: a b\nX: 1 2\n", "X"))
                .containsEntry("a", 1L)
                .containsEntry("b", 2L);
        assertThat(ProcFs.parseHeaderValueTable("Y: a\nY: 1\n", "X")).isEmpty();
    }
}
