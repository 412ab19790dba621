package dev.sockbench.bench.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.env.Pinning.Role;
import dev.sockbench.core.process.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PinningTest {
    @Test
    void twoCpusPutTheLoadGeneratorOnZeroAndTheServerOnOne() {
        Pinning p = Pinning.plan(CpuSet.parse("0-1"), null);

        assertThat(p.pinned()).isTrue();
        assertThat(p.commandPrefix(Role.SERVER)).containsExactly("taskset", "-c", "1");
        assertThat(p.commandPrefix(Role.LOADGEN)).containsExactly("taskset", "-c", "0");
        assertThat(p.asMap()).isEqualTo(Map.of("server", "1", "loadgen", "0"));
        assertThat(p.note()).contains("server on CPU 1").contains("load generator on CPU 0");
    }

    @Test
    void moreCpusAreSplitInHalvesWithTheOddOneForTheLoadGenerator() {
        Pinning four = Pinning.plan(CpuSet.parse("0-3"), null);
        assertThat(four.asMap()).isEqualTo(Map.of("loadgen", "0-1", "server", "2-3"));

        Pinning three = Pinning.plan(CpuSet.parse("2,4,6"), null);
        assertThat(three.asMap()).isEqualTo(Map.of("loadgen", "2,4", "server", "6"));
    }

    @Test
    void oneCpuOrNoTasksetRunsUnpinnedAndSaysWhy() {
        Pinning one = Pinning.plan(CpuSet.parse("0"), null);
        assertThat(one.pinned()).isFalse();
        assertThat(one.commandPrefix(Role.SERVER)).isEqualTo(List.of());
        assertThat(one.asMap()).isEmpty();
        assertThat(one.note()).startsWith("not pinned: only 1 CPU");

        Pinning noTaskset = Pinning.plan(CpuSet.parse("0-1"), "taskset not found");
        assertThat(noTaskset.pinned()).isFalse();
        assertThat(noTaskset.note()).isEqualTo("not pinned: taskset not found");
    }

    @Test
    void detectsThisMachine() throws Exception {
        Pinning p = Pinning.detect();

        // Two or more CPUs this process may run on and taskset on the PATH: pinned, each role on
        // CPUs of its own.
        int allowed = CpuSet.parse(Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(l -> l.startsWith("Cpus_allowed_list:"))
                        .findFirst()
                        .orElseThrow()
                        .substring("Cpus_allowed_list:".length()))
                .size();
        boolean taskset = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "taskset")));
        if (allowed >= 2 && taskset) {
            assertThat(p.pinned()).as(p.note()).isTrue();
            List<Integer> server = CpuSet.parse(p.asMap().get("server")).cpus();
            List<Integer> loadgen = CpuSet.parse(p.asMap().get("loadgen")).cpus();
            assertThat(server).isNotEmpty().doesNotContainAnyElementsOf(loadgen);
            assertThat(loadgen).isNotEmpty();
            assertThat(p.note()).contains("server on CPU").contains("load generator on CPU");
        } else {
            assertThat(p.pinned()).isFalse();
            assertThat(p.asMap()).isEmpty();
            assertThat(p.note()).startsWith("not pinned: ");
        }
    }
}
