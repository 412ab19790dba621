package dev.sockbench.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void durations() {
        assertThat(Units.parseDurationNs("30s")).isEqualTo(30_000_000_000L);
        assertThat(Units.parseDurationNs("30")).isEqualTo(30_000_000_000L);
        assertThat(Units.parseDurationNs("500ms")).isEqualTo(500_000_000L);
        assertThat(Units.parseDurationNs("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(Units.parseDurationNs("250us")).isEqualTo(250_000L);
        assertThat(Units.parseDurationNs("2m")).isEqualTo(120_000_000_000L);
        assertThat(Units.formatDurationNs(1_500_000_000L)).isEqualTo("1500ms");
    }

    @Test
    void countsRatesAndSizes() {
        assertThat(Units.parseCount("10k")).isEqualTo(10_000);
        assertThat(Units.parseCount("1.5M")).isEqualTo(1_500_000);
        assertThat(Units.parseRate("0.5")).isEqualTo(0.5);
        assertThat(Units.parseBytes("4KiB")).isEqualTo(4096);
        assertThat(Units.parseBytes("1MiB")).isEqualTo(1 << 20);
        assertThat(Units.parseBytes("16k")).isEqualTo(16_000);
        assertThat(Units.parseBytes("64B")).isEqualTo(64);
    }

    @Test
    void malformedValuesSayWhatIsAccepted() {
        assertThatThrownBy(() -> Units.parseDurationNs("10 parsecs")).hasMessageContaining("malformed duration");
        assertThatThrownBy(() -> Units.parseDurationNs("-1s")).hasMessageContaining("e.g. 500ms");
        assertThatThrownBy(() -> Units.parseCount("1.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Units.parseRate("fast")).hasMessageContaining("malformed rate");
    }
}
