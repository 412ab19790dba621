package dev.sockbench.bench.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.process.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelThreadTest {

    /** A {@code /proc/PID} with a stat line of {@code flags} and a {@code Cpus_allowed_list}. */
    private static void process(Path proc, long pid, String comm, long flags, String cpus) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(
                dir.resolve("stat"),
                pid + " (" + comm + ") S 2 0 0 0 -1 " + flags + " 0 0 0 0 0 0 0 0 20 0 1 0 13 0 0\n");
        Files.writeString(dir.resolve("status"), "Name:\t" + comm + "\nCpus_allowed_list:\t" + cpus + "\n");
    }

    @Test
    void onlyKernelThreadsTheKernelLetsMoveAreMovable(@TempDir Path proc) throws Exception {
        process(proc, 81, "kdamond.0", 0x208040, "0-1");
        process(proc, 24, "ksoftirqd/1", 0x4208040, "1"); // bound: PF_NO_SETAFFINITY
        process(proc, 900, "java", 0x400100, "0-1"); // a user process
        process(proc, 38, "odd) (name", 0x210040, "0-1"); // comm with a parenthesis and spaces
        Files.createDirectories(proc.resolve("self"));

        List<KernelThread> movable = KernelThread.movable(proc);

        assertThat(movable)
                .containsExactlyInAnyOrder(
                        new KernelThread(81, "kdamond.0", CpuSet.parse("0-1")),
                        new KernelThread(38, "odd) (name", CpuSet.parse("0-1")));
    }

    @Test
    void threadsThatMayRunOnTheAvoidedCpusMoveAndComeBackWhereTheyWere() throws Exception {
        List<KernelThread> threads = List.of(
                new KernelThread(81, "kdamond.0", CpuSet.parse("0-3")),
                new KernelThread(52, "irq/24", CpuSet.parse("0")), // only there: stays
                new KernelThread(53, "irq/25", CpuSet.parse("2-3"))); // never there: untouched
        List<String> calls = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        List<String> refused = new ArrayList<>();

        AutoCloseable back = KernelThread.moveOff(
                threads,
                CpuSet.parse("0-1"),
                t -> {
                    calls.add(t.pid() + ":" + t.cpus());
                    return null;
                },
                moved,
                refused);

        assertThat(calls).containsExactly("81:2-3");
        assertThat(moved).containsExactly("kdamond.0");
        assertThat(refused).isEmpty();
        back.close();
        assertThat(calls).containsExactly("81:2-3", "81:0-3");
    }

    @Test
    void aThreadThatWouldNotMoveIsNamedAndNotMovedBack() throws Exception {
        List<String> calls = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        List<String> refused = new ArrayList<>();

        AutoCloseable back = KernelThread.moveOff(
                List.of(new KernelThread(81, "kdamond.0", CpuSet.parse("0-1"))),
                CpuSet.parse("0"),
                t -> {
                    calls.add(t.pid() + ":" + t.cpus());
                    return "taskset cannot set the CPU affinity here (exit 1)";
                },
                moved,
                refused);
        back.close();

        assertThat(moved).isEmpty();
        assertThat(refused).containsExactly("kdamond.0");
        assertThat(calls).containsExactly("81:1");
    }
}
