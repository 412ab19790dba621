package dev.sockbench.report.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.report.Reports;
import dev.sockbench.report.SyntheticRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** benchmark.json and benchmark-bigger.json: github-action-benchmark's custom format. */
class BenchmarkJsonTest {
    @Test
    void validCasesAreEntriesNamedByIdentityAndUnitInTheirDirectionsFile(@TempDir Path runDir) throws Exception {
        SyntheticRun.write(runDir);
        Reports.render(runDir);
        JsonNode smaller = ResultFiles.mapper()
                .readTree(runDir.resolve("report/benchmark.json").toFile());
        JsonNode bigger = ResultFiles.mapper()
                .readTree(runDir.resolve("report/benchmark-bigger.json").toFile());

        assertThat(smaller.isArray()).isTrue();
        JsonNode p99 = entry(smaller, "nio-epoll tcp-closed-c8-64b-length p99 (µs)");
        assertThat(p99.get("unit").asText()).isEqualTo("µs");
        assertThat(p99.get("value").asDouble()).isBetween(100.0, 100.1);
        assertThat(p99.get("extra").asText()).isEqualTo("case closed-nio-epoll");
        assertThat(entry(smaller, "nio-epoll tcp-closed-c8-64b-length CPU/req (µs)")
                        .get("value")
                        .asDouble())
                .isEqualTo(8.25);
        JsonNode rate = entry(bigger, "nio-epoll tcp-closed-c8-64b-length rate (req/s)");
        assertThat(rate.get("value").asDouble()).isEqualTo(1_000.0);
        // every entry has the custom format's fields; INVALID numbers stay out of a trend
        for (JsonNode e : smaller) {
            assertThat(e.has("name") && e.has("unit") && e.has("value")).isTrue();
            assertThat(e.get("extra").asText()).doesNotContain("open-blocking-virtual");
        }
        assertThat(bigger.findValuesAsText("name")).noneMatch(n -> n.contains("p99"));
    }

    private static JsonNode entry(JsonNode entries, String name) {
        for (JsonNode e : entries) {
            if (e.get("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + name + " in " + entries);
    }
}
