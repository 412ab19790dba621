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
                        "--duration",
                        "1500ms",
                        "--warmup",
                        "500ms",
                        "--framing",
                        "length",
                        "--payload",
                        "128",
                        "--connections",
                        "8",
                        "--rate",
                        "2500");
        assertThat(load.serverArgs()).containsExactly("--framing", "length");
        assertThat(load.label()).isEqualTo("open-c8-r2500");
    }

    @Test
    void defaultsPassOnlyTheEssentials() {
        // No --payload: the load generator's own default applies (64 B; the stream shape's larger).
        assertThat(LoadSpec.DEFAULTS.loadgenArgs())
                .containsExactly("--shape", "closed", "--duration", "10s", "--warmup", "3s", "--framing", "length");
        assertThat(LoadSpec.DEFAULTS.label()).isEqualTo("closed");
    }

    @Test
    void compactRates() {
        assertThat(LoadSpec.compact(5000)).isEqualTo("5k");
        assertThat(LoadSpec.compact(2_000_000)).isEqualTo("2M");
        assertThat(LoadSpec.compact(1500)).isEqualTo("1500");
        assertThat(LoadSpec.compact(0.5)).isEqualTo("0.5");
    }
}
