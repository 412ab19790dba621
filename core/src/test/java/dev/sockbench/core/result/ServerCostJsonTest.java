package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost block's optional figures and the pinning note: optional, so older files still read. */
class ServerCostJsonTest {

    @Test
    void gcPausesRoundTrip() throws Exception {
        ServerCost cost = new ServerCost(
                1_000L, 2_000L, 0.3, 40L, 5L, 0.0045, 12, 50_000_000, 1_024.5, 3L, 4_500L, 2_000L, null, null, null);

        String json = ResultFiles.toJson(cost);
        assertThat(json).contains("\"gcPauseUs\" : 4500");
        assertThat(ResultFiles.mapper().readValue(json, ServerCost.class)).isEqualTo(cost);
    }

    @Test
    void unknownGcPausesAreLeftOutAndReadBackAsUnknown() throws Exception {
        ServerCost cost = new ServerCost(1_000, 2_000, 0.3, 40, 5, 0.0045, 12, 50_000_000, 1_024.5);

        String json = ResultFiles.toJson(cost);
        assertThat(json).doesNotContain("gcPauses");
        assertThat(ResultFiles.mapper().readValue(json, ServerCost.class)).isEqualTo(cost);
    }

    @Test
    void cpuAndSwitchesTheServerDidNotReportAreLeftOutAndTheRestStands() throws Exception {
        ServerCost cost = new ServerCost(
                null, null, null, null, null, null, 12, 50_000_000, 1_024.5, 3L, 4_500L, 2_000L, null, null, null);

        String json = ResultFiles.toJson(cost);
        assertThat(json)
                .doesNotContain("cpu")
                .doesNotContain("CtxSwitches")
                .contains("\"threads\" : 12")
                .contains("\"rssBytes\" : 50000000");
        assertThat(ResultFiles.mapper().readValue(json, ServerCost.class)).isEqualTo(cost);
    }

    @Test
    void thePinningNoteIsOptional() throws Exception {
        Environment without = new Environment(
                "v", "sha", "jdk", List.of("-x"), null, "Linux amd64", "6.1", "cpu", 2, 1L, "host", Map.of(), null);
        Environment with = new Environment(
                "v",
                "sha",
                "jdk",
                List.of("-x"),
                null,
                "Linux amd64",
                "6.1",
                "cpu",
                2,
                1L,
                "host",
                Map.of("server", "1", "loadgen", "0"),
                "server on CPU 1, load generator on CPU 0 (taskset)");

        assertThat(ResultFiles.toJson(without)).doesNotContain("pinningNote");
        assertThat(ResultFiles.mapper().readValue(ResultFiles.toJson(without), Environment.class))
                .isEqualTo(without);
        assertThat(ResultFiles.mapper().readValue(ResultFiles.toJson(with), Environment.class))
                .isEqualTo(with);
    }
}
