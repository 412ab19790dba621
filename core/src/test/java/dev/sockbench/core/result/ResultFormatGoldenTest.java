package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Result format 1 is pinned by the files under {@code golden/format-1/}: they are read back field
 * by field, and writing the same records must give the same bytes. A test failing here means the
 * format changed: bump {@link ResultFiles#FORMAT} or make the change additive (a new optional
 * field), then update the golden files on purpose.
 */
class ResultFormatGoldenTest {

    @Test
    void goldenSummaryReadsBackFieldByField() throws Exception {
        CaseSummary s = ResultFiles.readSummary(golden("summary.json"));

        assertThat(s.format()).isEqualTo(1);
        assertThat(s.caseId()).isEqualTo("nio-epoll-tcp-open-r10000");
        assertThat(s.model()).isEqualTo("nio-epoll");
        assertThat(s.transport()).isEqualTo("tcp");
        assertThat(s.framing()).isEqualTo("length");
        assertThat(s.shape()).isEqualTo("open");
        assertThat(s.connections()).isEqualTo(8);
        assertThat(s.payloadBytes()).isEqualTo(64);
        assertThat(s.durationSec()).isEqualTo(10.0);
        assertThat(s.warmupSec()).isEqualTo(2.0);
        assertThat(s.targetRatePerSec()).isEqualTo(10_000.0);
        assertThat(s.achievedRatePerSec()).isEqualTo(9_998.7);
        assertThat(s.requests()).isEqualTo(99_987L);
        assertThat(s.errors()).isEqualTo(new ErrorCounts(0, 1, 2, 3, 4));
        assertThat(s.errors().total()).isEqualTo(10);
        assertThat(s.latencyUs().corrected())
                .isEqualTo(new Percentiles(41.215, 63.487, 120.319, 1_004.543, 5_005.311, 52.25));
        assertThat(s.latencyUs().raw()).isEqualTo(new Percentiles(40.191, 60.415, 101.375, 201.983, 210.047, 45.5));
        assertThat(s.valid()).isFalse();
        assertThat(s.invalidReasons()).containsExactly("errors: 10 requests failed");
        ServerCost server = s.server();
        assertThat(server.cpuUserUs()).isEqualTo(812_000L);
        assertThat(server.cpuSysUs()).isEqualTo(1_604_000L);
        assertThat(server.cpuUsPerRequest()).isEqualTo(24.16);
        assertThat(server.voluntaryCtxSwitches()).isEqualTo(150_000L);
        assertThat(server.involuntaryCtxSwitches()).isEqualTo(2_000L);
        assertThat(server.ctxSwitchesPerRequest()).isEqualTo(1.52);
        assertThat(server.threads()).isEqualTo(12);
        assertThat(server.rssBytes()).isEqualTo(52_428_800L);
        assertThat(server.rssBytesPerConnection()).isEqualTo(16_384.5);

        assertThat(s).as("nothing else in the record").isEqualTo(GoldenFixtures.summary());
    }

    @Test
    void goldenRunReadsBackFieldByField() throws Exception {
        RunResult run = ResultFiles.readRun(golden("run.json").getParent());

        assertThat(run.format()).isEqualTo(1);
        assertThat(run.runId()).isEqualTo("2026-01-15T10-00-00-quick");
        assertThat(run.suite()).isEqualTo("quick");
        assertThat(run.startedAt()).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(run.finishedAt()).isEqualTo("2026-01-15T10:02:30Z");
        Environment env = run.environment();
        assertThat(env.sockbenchVersion()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(env.gitSha()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(env.jdk()).isEqualTo("Eclipse Adoptium 25+36-LTS");
        assertThat(env.jvmFlags())
                .containsExactly("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");
        assertThat(env.os()).isEqualTo("Linux amd64");
        assertThat(env.kernel()).isEqualTo("6.18.0-1-amd64");
        assertThat(env.cpuModel()).isEqualTo("AMD EPYC 7B13");
        assertThat(env.cpus()).isEqualTo(2);
        assertThat(env.memoryBytes()).isEqualTo(8_589_934_592L);
        assertThat(env.hostname()).isEqualTo("bench-host");
        assertThat(env.pinning()).isEqualTo(Map.of("server", "0", "loadgen", "1"));
        assertThat(run.cases()).hasSize(2);
        RunResult.CaseEntry measured = run.cases().get(0);
        assertThat(measured.caseId()).isEqualTo("nio-epoll-tcp-open-r10000");
        assertThat(measured.model()).isEqualTo("nio-epoll");
        assertThat(measured.transport()).isEqualTo("tcp");
        assertThat(measured.shape()).isEqualTo("open");
        assertThat(measured.status()).isEqualTo("measured");
        assertThat(measured.valid()).isFalse();
        assertThat(measured.reasons()).containsExactly("errors: 10 requests failed");
        RunResult.CaseEntry skipped = run.cases().get(1);
        assertThat(skipped.status()).isEqualTo("skipped");
        assertThat(skipped.reasons()).containsExactly("unavailable: io_uring is disabled by the kernel");

        assertThat(run).as("nothing else in the record").isEqualTo(GoldenFixtures.run());
    }

    @Test
    void writingTheSameRecordsReproducesTheGoldenJson(@TempDir Path dir) throws Exception {
        Path summary = dir.resolve("summary.json");
        Path run = dir.resolve("run.json");
        ResultFiles.writeJson(summary, GoldenFixtures.summary());
        ResultFiles.writeJson(run, GoldenFixtures.run());

        assertThat(Files.readString(summary)).isEqualTo(Files.readString(golden("summary.json")));
        assertThat(Files.readString(run)).isEqualTo(Files.readString(golden("run.json")));
    }

    @Test
    void goldenLatencyLogReadsBackPerTagWithIntervalsAdded() throws Exception {
        Path hlog = golden("latency.hlog");

        List<String> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            Histogram h;
            while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
                intervals.add(h.getTag() + "@" + h.getStartTimeStamp() + "+" + h.getTotalCount());
            }
        }
        long t0 = GoldenFixtures.HLOG_START_EPOCH_MS;
        assertThat(intervals)
                .containsExactly(
                        "corrected@" + t0 + "+1000",
                        "raw@" + t0 + "+1000",
                        "corrected@" + (t0 + 1000) + "+10",
                        "raw@" + (t0 + 1000) + "+10");

        Map<String, Histogram> totals = LatencyLog.readTotals(hlog);
        assertThat(totals).containsOnlyKeys(LatencyLog.CORRECTED, LatencyLog.RAW);
        Histogram corrected = totals.get(LatencyLog.CORRECTED);
        Histogram raw = totals.get(LatencyLog.RAW);
        assertThat(corrected.getTotalCount()).isEqualTo(1_010);
        assertThat(raw.getTotalCount()).isEqualTo(1_010);
        assertThat(corrected.valuesAreEquivalent(corrected.getValueAtPercentile(99.0), 100_000L))
                .isTrue();
        // 1,009th of 1,010 values: inside the 10 stalled requests, so the whole stall shows
        assertThat(corrected.valuesAreEquivalent(corrected.getValueAtPercentile(99.9), 5_000_000L))
                .isTrue();
        assertThat(corrected.valuesAreEquivalent(corrected.getMaxValue(), 5_000_000L))
                .isTrue();
        assertThat(raw.valuesAreEquivalent(raw.getValueAtPercentile(99.9), 200_000L))
                .isTrue();
        assertThat(raw.valuesAreEquivalent(raw.getMaxValue(), 200_000L)).isTrue();

        // The golden intervals are the ones GoldenFixtures builds (counts at the same values).
        Histogram expected = GoldenFixtures.correctedInterval(0);
        expected.add(GoldenFixtures.correctedInterval(1));
        assertThat(corrected).isEqualTo(expected);
    }

    @Test
    void aNewerFormatIsRejectedWithAClearMessage(@TempDir Path dir) throws Exception {
        String newer = Files.readString(golden("summary.json")).replace("\"format\" : 1", "\"format\" : 2");
        Path file = dir.resolve("summary.json");
        Files.writeString(file, newer, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ResultFiles.readSummary(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 2")
                .hasMessageContaining("reads format 1");
    }

    @Test
    void unknownFieldsOfALaterMinorAdditionAreTolerated(@TempDir Path dir) throws Exception {
        String withExtra = Files.readString(golden("summary.json"))
                .replace("\"format\" : 1,", "\"format\" : 1,\n  \"someLaterBlock\" : { \"x\" : 1 },");
        Path file = dir.resolve("summary.json");
        Files.writeString(file, withExtra, StandardCharsets.UTF_8);

        assertThat(ResultFiles.readSummary(file)).isEqualTo(GoldenFixtures.summary());
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(ResultFormatGoldenTest.class
                .getResource("/golden/format-1/" + name)
                .toURI());
    }
}
