package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

/**
 * Result format 1 is pinned by the files under {@code golden/format-1/}: this sockbench no longer
 * writes it but still reads it, so that {@code report} renders old runs. Each file is read back
 * field by field, every field where format 2 keeps it ({@link CaseSummary} documents the mapping),
 * and must read as the very record its format-2 golden file holds ({@link ResultFormat2GoldenTest}).
 */
class ResultFormatGoldenTest {

    @Test
    void goldenSummaryReadsBackFieldByField() throws Exception {
        CaseSummary s = ResultFiles.readSummary(golden("summary.json"));

        assertThat(s.format()).as("read as its format-2 equivalent").isEqualTo(2);
        GoldenFixtures.assertSummaryFieldByField(s);
        CaseLoad load = s.load();
        ServerCost server = s.server();
        assertThat(server.gcPauses()).as("a file from before the GC fields").isNull();
        assertThat(s.kernel()).isNull();
        assertThat(load.depth()).as("a file from before the load blocks").isNull();
        assertThat(load.arrival()).isNull();
        assertThat(load.accounting()).isNull();
        assertThat(load.catchUpFactor()).isNull();
        assertThat(s.generator()).isNull();
        assertThat(s.udp()).isNull();
        assertThat(s.stream()).isNull();
        assertThat(s.idle()).isNull();
        assertThat(s.sweep()).isNull();

        assertThat(s).as("nothing else in the record").isEqualTo(GoldenFixtures.summary());
    }

    @Test
    void goldenUdpSweepReadsBackWithEveryBlock() throws Exception {
        CaseSummary s = ResultFiles.readSummary(golden("summary-sweep-udp.json"));

        assertThat(s.load().transport()).isEqualTo("udp");
        assertThat(s.load().shape()).isEqualTo("sweep");
        assertThat(s.load().depth()).isEqualTo(1);
        assertThat(s.load().arrival()).isEqualTo("constant");
        assertThat(s.load().targetRatePerSec()).as("the capacity step's").isEqualTo(40_000.0);
        assertThat(s.udp()).isEqualTo(new DatagramCounts(199_960L, 199_952L, 8L, 1L, 2L, 30L));
        GeneratorCheck g = s.generator();
        assertThat(g.threads()).isEqualTo(2);
        assertThat(g.cpuUs()).isEqualTo(4_000_000L);
        assertThat(g.cpuUsPerRequest()).isEqualTo(20.004);
        assertThat(g.busyPercent()).isEqualTo(61.5);
        assertThat(g.sendLagUs().p99()).isEqualTo(20.5);
        assertThat(g.lagBoundUs()).isEqualTo(250.0);
        SweepResult sweep = s.sweep();
        assertThat(sweep.slo()).isEqualTo("p99=1ms");
        assertThat(sweep.sloPercentile()).isEqualTo(99.0);
        assertThat(sweep.sloThresholdUs()).isEqualTo(1_000.0);
        assertThat(sweep.capacityPerSec()).isEqualTo(40_000.0);
        assertThat(sweep.steps()).hasSize(3);
        SweepResult.SweepStep first = sweep.steps().getFirst();
        assertThat(first.targetRatePerSec()).isEqualTo(20_000.0);
        assertThat(first.achievedRatePerSec()).isEqualTo(19_998.0);
        assertThat(first.requests()).isEqualTo(99_990L);
        assertThat(first.errors()).isZero();
        assertThat(first.latencyUs().corrected().p99()).isEqualTo(60.0);
        assertThat(first.latencyUs().raw().p99()).isEqualTo(55.0);
        assertThat(first.good()).isTrue();
        SweepResult.SweepStep bad = sweep.steps().getLast();
        assertThat(bad.good()).isFalse();
        assertThat(bad.reasons())
                .containsExactly(
                        "achieved 61000 req/s is below 99% of the target 80000 req/s",
                        "p99 5000.0 us exceeds the objective p99=1ms");
        ServerCost server = s.server();
        assertThat(server.gcPauses()).isEqualTo(2L);
        assertThat(server.gcPauseUs()).isEqualTo(1_500L);
        assertThat(server.gcPauseMaxUs()).isEqualTo(1_000L);
        assertThat(s.kernel()).as("moved out of the server block").isEqualTo(new KernelCounters(12L, 15L, 0L, 0L));
        assertThat(s.stream()).isNull();
        assertThat(s.idle()).isNull();

        assertThat(s).as("nothing else in the record").isEqualTo(GoldenFixtures.sweepUdpSummary());
    }

    @Test
    void goldenStreamAndIdleReadBackWithTheirBlocks() throws Exception {
        CaseSummary stream = ResultFiles.readSummary(golden("summary-stream.json"));
        assertThat(stream.load().shape()).isEqualTo("stream");
        assertThat(stream.load().targetRatePerSec()).isNull();
        assertThat(stream.load().arrival()).isNull();
        assertThat(stream.load().depth()).isEqualTo(8);
        assertThat(stream.stream()).isEqualTo(new StreamThroughput(1_048_576_000.0, 8_388_608_000.0, 524_288L));
        assertThat(stream.generator().sendLagUs()).as("not paced").isNull();
        assertThat(stream.generator().lagBoundUs()).isNull();
        assertThat(stream.server()).isNull();
        assertThat(stream).isEqualTo(GoldenFixtures.streamSummary());

        CaseSummary idle = ResultFiles.readSummary(golden("summary-idle.json"));
        assertThat(idle.load().shape()).isEqualTo("idle");
        assertThat(idle.load().arrival()).isEqualTo("poisson");
        assertThat(idle.idle()).isEqualTo(new IdleConnections(10_000, 10_000, 9_998));
        assertThat(idle.server().threads()).isEqualTo(10_020);
        assertThat(idle.server().rssBytesPerConnection()).isEqualTo(65_536.0);
        assertThat(idle.kernel()).isNull();
        assertThat(idle).isEqualTo(GoldenFixtures.idleSummary());
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
        assertThat(env.pinningNote()).isEqualTo("server on CPU 0, load generator on CPU 1 (taskset)");
        assertThat(run.cases()).hasSize(3);
        RunResult.CaseEntry measured = run.cases().get(0);
        assertThat(measured.caseId()).isEqualTo("nio-epoll-tcp-open-r10000");
        assertThat(measured.model()).isEqualTo("nio-epoll");
        assertThat(measured.transport()).isEqualTo("tcp");
        assertThat(measured.shape()).isEqualTo("open");
        assertThat(measured.status()).isEqualTo(CaseStatus.MEASURED);
        assertThat(measured.valid()).isFalse();
        assertThat(measured.reasons()).containsExactly("errors: 10 requests failed");
        RunResult.CaseEntry skipped = run.cases().get(1);
        assertThat(skipped.status()).isEqualTo(CaseStatus.SKIPPED);
        assertThat(skipped.reasons()).containsExactly("unavailable: io_uring is disabled by the kernel");
        assertThat(run.cases().get(2).status()).isEqualTo(CaseStatus.PENDING);

        assertThat(run).as("nothing else in the record").isEqualTo(GoldenFixtures.run(1));
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

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(ResultFormatGoldenTest.class
                .getResource("/golden/format-1/" + name)
                .toURI());
    }
}
