package dev.sockbench.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadSpecTest {
    @Test
    void passesWhatIsSetInTheLoadGeneratorsOwnForms() {
        LoadSpec load = LoadSpec.of("open", 8, 2500.0, 128, 1_500_000_000L, 500_000_000L);

        assertThat(load.loadgenArgs())
                .containsExactly(
                        "--shape",
                        "open",
                        "--connections",
                        "8",
                        "--rate",
                        "2500",
                        "--duration",
                        "1500ms",
                        "--warmup",
                        "500ms",
                        "--payload",
                        "128",
                        "--framing",
                        "length");
        assertThat(load.serverArgs()).containsExactly("--framing", "length");
        assertThat(load.label()).isEqualTo("open-c8-r2500-p128");
    }

    @Test
    void holdsItsOwnCopyOfTheOptions() {
        LoadSpec load = LoadSpec.of("closed", 4, null, null, 1_000_000_000L, 0);

        load.options().connections(99);

        assertThat(load.options().connections()).isEqualTo(4);
        assertThat(load.label()).isEqualTo("closed-c4");
    }

    @Test
    void compactRates() {
        assertThat(LoadSpec.compact(5000)).isEqualTo("5k");
        assertThat(LoadSpec.compact(2_000_000)).isEqualTo("2M");
        assertThat(LoadSpec.compact(1500)).isEqualTo("1500");
        assertThat(LoadSpec.compact(0.5)).isEqualTo("0.5");
    }
}
