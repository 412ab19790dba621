package dev.sockbench.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuSetTest {
    @Test
    void parsesAndPrintsTheKernelListSyntax() {
        CpuSet set = CpuSet.parse("0-2,5, 7-8\n");

        assertThat(set.cpus()).containsExactly(0, 1, 2, 5, 7, 8);
        assertThat(set).hasToString("0-2,5,7-8");
        assertThat(CpuSet.parse("3")).hasToString("3");
        assertThat(CpuSet.parse("").size()).isZero();
    }

    @Test
    void splits() {
        CpuSet set = new CpuSet(List.of(4, 0, 2, 2));

        assertThat(set.cpus()).containsExactly(0, 2, 4);
        assertThat(set.first(1)).hasToString("0");
        assertThat(set.skip(1)).hasToString("2,4");
    }
}
