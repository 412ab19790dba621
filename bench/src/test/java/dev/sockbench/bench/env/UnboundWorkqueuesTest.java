package dev.sockbench.bench.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.process.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnboundWorkqueuesTest {

    @Test
    void theGeneratorsCpusLeaveTheMaskWhileCasesRunAndComeBackAfter(@TempDir Path dir) throws Exception {
        Path cpumask = Files.writeString(dir.resolve("cpumask"), "f\n");

        try (Pinning.Clearing clearing = UnboundWorkqueues.keepOff(cpumask, CpuSet.parse("0-1"))) {
            assertThat(Files.readString(cpumask)).isEqualTo("c");
            assertThat(clearing.note()).isEqualTo("; unbound kernel work (writeback) kept off CPU 0-1");
        }

        assertThat(Files.readString(cpumask)).isEqualTo("f");
    }

    @Test
    void aMaskInCommaSeparatedWordsIsReadWhole(@TempDir Path dir) throws Exception {
        // more than 32 CPUs: the kernel prints the mask in 32-bit words, highest first
        Path cpumask = Files.writeString(dir.resolve("cpumask"), "00000001,00000003\n");

        try (Pinning.Clearing clearing = UnboundWorkqueues.keepOff(cpumask, CpuSet.parse("32"))) {
            assertThat(Files.readString(cpumask)).isEqualTo("3");
        }

        assertThat(Files.readString(cpumask)).isEqualTo("00000001,00000003");
    }

    @Test
    void aMaskThatWouldBeLeftEmptyOrWithoutTheCpusIsLeftAlone(@TempDir Path dir) throws Exception {
        Path cpumask = Files.writeString(dir.resolve("cpumask"), "1\n");

        try (Pinning.Clearing onlyThere = UnboundWorkqueues.keepOff(cpumask, CpuSet.parse("0"));
                Pinning.Clearing notThere = UnboundWorkqueues.keepOff(cpumask, CpuSet.parse("1"))) {
            assertThat(Files.readString(cpumask)).isEqualTo("1\n");
            assertThat(onlyThere.note()).isEmpty();
            assertThat(notThere.note()).isEmpty();
        }
    }

    @Test
    void withoutTheFileNothingHappens(@TempDir Path dir) throws Exception {
        try (Pinning.Clearing clearing = UnboundWorkqueues.keepOff(dir.resolve("absent"), CpuSet.parse("0"))) {
            assertThat(clearing.note()).isEmpty();
        }
        assertThat(dir.resolve("absent")).doesNotExist();
    }
}
