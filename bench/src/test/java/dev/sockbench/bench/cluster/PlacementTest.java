package dev.sockbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.options.LoadOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static final Placement TWO = new Placement("s", List.of("l1", "l2"));

    @Test
    void connectionsSplitEvenlyAndTheRateInProportionWithASeedPerPart() {
        LoadOptions options = LoadOptions.parse(List.of("-s", "open", "-c", "5", "-R", "10k", "--seed", "7"));
        List<LoadOptions> parts = new Placement("s", List.of("a", "b", "c")).split(options, Transport.TCP);

        assertThat(parts).extracting(LoadOptions::connections).containsExactly(2, 2, 1);
        assertThat(parts).extracting(LoadOptions::rate).containsExactly(4_000.0, 4_000.0, 2_000.0);
        assertThat(parts).extracting(LoadOptions::seed).containsExactly(7L, 8L, 9L);
        assertThat(parts.stream().mapToDouble(LoadOptions::rate).sum()).isEqualTo(10_000.0);
    }

    @Test
    void aClosedLoadWithoutConnectionsSplitsTheDefault() {
        List<LoadOptions> parts = TWO.split(LoadOptions.parse(List.of("-s", "closed")), Transport.TCP);
        assertThat(parts.stream().mapToInt(LoadOptions::connections).sum()).isEqualTo(10);
        assertThat(parts).extracting(LoadOptions::rate).containsOnlyNulls();
    }

    @Test
    void shapesWhosePartsWouldNotAddUpAndUnixSocketsAreRefused() {
        assertThatThrownBy(
                        () -> TWO.split(LoadOptions.parse(List.of("-s", "sweep", "--slo", "p99=1ms")), Transport.TCP))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot be split");
        assertThatThrownBy(() -> TWO.split(LoadOptions.parse(List.of("-c", "1")), Transport.TCP))
                .hasMessageContaining("1 connections cannot be split over 2");
        assertThatThrownBy(() -> TWO.split(LoadOptions.parse(List.of()), Transport.UNIX_STREAM))
                .hasMessageContaining("cannot cross hosts");
        // One load agent takes any shape whole.
        assertThat(new Placement("s", List.of("l1"))
                        .split(LoadOptions.parse(List.of("-s", "sweep", "--slo", "p99=1ms")), Transport.TCP))
                .hasSize(1);
    }

    @Test
    void aSuitesPlacementBlockIsRead() {
        assertThat(Placement.ofSuite("placement:\n  server: h0\n  load: [h1, h2]\ncases: []\n"))
                .contains(new Placement("h0", List.of("h1", "h2")));
        assertThat(Placement.ofSuite("cases: []\n")).isEmpty();
        assertThatThrownBy(() -> new Placement("s", List.of("l1", "l1"))).hasMessageContaining("twice");
    }
}
