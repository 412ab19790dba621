package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The records behind the golden files ({@code src/test/resources/golden/format-<N>/}). The golden
 * files are the format's specification by example: a reader outside sockbench sees exactly these
 * files, so a change that alters them is a format change. Each summary but {@link #pacedSummary()}
 * is in both formats: its format-1 file and its format-2 file read as the same record.
 */
final class GoldenFixtures {
    /** Epoch ms of the golden latency.hlog's start (2026-01-15T10:00:00Z). */
    static final long HLOG_START_EPOCH_MS = 1_768_471_200_000L;

    private GoldenFixtures() {}

    /** An open case over TCP with errors and the server's cost: the load parameters and results. */
    static CaseSummary summary() {
        LoadReport report = LoadReport.builder()
                .invalidReasons(List.of("errors: 10 requests failed"))
                .load(CaseLoad.builder()
                        .transport("tcp")
                        .framing("length")
                        .shape("open")
                        .connections(8)
                        .payloadBytes(64)
                        .durationSec(10.0)
                        .warmupSec(2.0)
                        .targetRatePerSec(10_000.0)
                        .achievedRatePerSec(9_998.7)
                        .requests(99_987L)
                        .errors(new ErrorCounts(0, 1, 2, 3, 4))
                        .build())
                .latencyUs(new LatencyUs(
                        new Percentiles(41.215, 63.487, 120.319, 1_004.543, 5_005.311, 52.25),
                        new Percentiles(40.191, 60.415, 101.375, 201.983, 210.047, 45.5)))
                .build();
        return CaseSummary.from(report)
                .caseId("nio-epoll-tcp-open-r10000")
                .model("nio-epoll")
                .server(new ServerCost(812_000L, 1_604_000L, 24.16, 150_000L, 2_000L, 1.52, 12, 52_428_800L, 16_384.5))
                .build();
    }

    /** Checks every field of {@link #summary()} as read from a golden file, whichever its format. */
    static void assertSummaryFieldByField(CaseSummary s) {
        assertThat(s.caseId()).isEqualTo("nio-epoll-tcp-open-r10000");
        assertThat(s.model()).isEqualTo("nio-epoll");
        CaseLoad load = s.load();
        assertThat(load.transport()).isEqualTo("tcp");
        assertThat(load.framing()).isEqualTo("length");
        assertThat(load.shape()).isEqualTo("open");
        assertThat(load.connections()).isEqualTo(8);
        assertThat(load.payloadBytes()).isEqualTo(64);
        assertThat(load.durationSec()).isEqualTo(10.0);
        assertThat(load.warmupSec()).isEqualTo(2.0);
        assertThat(load.targetRatePerSec()).isEqualTo(10_000.0);
        assertThat(load.achievedRatePerSec()).isEqualTo(9_998.7);
        assertThat(load.requests()).isEqualTo(99_987L);
        assertThat(load.errors()).isEqualTo(new ErrorCounts(0, 1, 2, 3, 4));
        assertThat(load.errors().total()).isEqualTo(10);
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
    }

    /** The run, as written in {@code format}: run.json did not change from format 1 to 2. */
    static RunResult run(int format) {
        return new RunResult(
                format,
                "2026-01-15T10-00-00-quick",
                "quick",
                "2026-01-15T10:00:00Z",
                "2026-01-15T10:02:30Z",
                new Environment(
                        "0.1.0-SNAPSHOT",
                        "0123456789abcdef0123456789abcdef01234567",
                        "Eclipse Adoptium 25+36-LTS",
                        List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"),
                        null,
                        "Linux amd64",
                        "6.18.0-1-amd64",
                        "AMD EPYC 7B13",
                        2,
                        8_589_934_592L,
                        "bench-host",
                        Map.of("server", "0", "loadgen", "1"),
                        "server on CPU 0, load generator on CPU 1 (taskset)"),
                List.of(
                        new RunResult.CaseEntry(
                                "nio-epoll-tcp-open-r10000",
                                "nio-epoll",
                                "tcp",
                                "open",
                                CaseStatus.MEASURED,
                                false,
                                List.of("errors: 10 requests failed")),
                        new RunResult.CaseEntry(
                                "netty-iouring-tcp-open-r10000",
                                "netty-iouring",
                                "tcp",
                                "open",
                                CaseStatus.SKIPPED,
                                false,
                                List.of("unavailable: io_uring is disabled by the kernel")),
                        new RunResult.CaseEntry(
                                "nio-poll-udp-sweep",
                                "nio-poll",
                                "udp",
                                "sweep",
                                CaseStatus.PENDING,
                                false,
                                List.of())));
    }

    /** A UDP sweep with every block a sweep over a datagram transport has. */
    static CaseSummary sweepUdpSummary() {
        Percentiles capacityCorrected = new Percentiles(30.015, 45.055, 88.063, 410.111, 950.271, 36.5);
        Percentiles capacityRaw = new Percentiles(29.999, 44.031, 80.127, 300.031, 900.095, 35.25);
        LoadReport report = LoadReport.builder()
                .load(CaseLoad.builder()
                        .transport("udp")
                        .framing("length")
                        .shape("sweep")
                        .connections(4)
                        .depth(1)
                        .arrival("constant")
                        .payloadBytes(128)
                        .durationSec(5.0)
                        .warmupSec(1.0)
                        .targetRatePerSec(40_000.0)
                        .achievedRatePerSec(39_990.5)
                        .requests(199_952L)
                        .build())
                .latencyUs(new LatencyUs(capacityCorrected, capacityRaw))
                .udp(new DatagramCounts(199_960L, 199_952L, 8L, 1L, 2L, 30L))
                .sweep(new SweepResult(
                        "p99=1ms",
                        99.0,
                        1_000.0,
                        40_000.0,
                        List.of(
                                new SweepResult.SweepStep(
                                        20_000.0,
                                        19_998.0,
                                        99_990L,
                                        0L,
                                        new LatencyUs(
                                                new Percentiles(25.0, 35.0, 60.0, 200.0, 500.0, 28.0),
                                                new Percentiles(24.0, 34.0, 55.0, 180.0, 450.0, 27.0)),
                                        true,
                                        List.of(),
                                        false),
                                new SweepResult.SweepStep(
                                        40_000.0,
                                        39_990.5,
                                        199_952L,
                                        0L,
                                        new LatencyUs(capacityCorrected, capacityRaw),
                                        true,
                                        List.of(),
                                        false),
                                new SweepResult.SweepStep(
                                        80_000.0,
                                        61_000.0,
                                        305_000L,
                                        0L,
                                        new LatencyUs(
                                                new Percentiles(900.0, 2_000.0, 5_000.0, 9_000.0, 12_000.0, 1_500.0),
                                                new Percentiles(40.0, 60.0, 100.0, 400.0, 800.0, 45.0)),
                                        false,
                                        List.of(
                                                "achieved 61000 req/s is below 99% of the target 80000 req/s",
                                                "p99 5000.0 us exceeds the objective p99=1ms"),
                                        false))))
                .generator(new GeneratorCheck(
                        2,
                        4_000_000L,
                        20.004,
                        61.5,
                        new Percentiles(3.5, 8.0, 20.5, 60.0, 120.0, 4.25),
                        250.0,
                        null,
                        null))
                .build();
        return CaseSummary.from(report)
                .caseId("nio-epoll-udp-sweep")
                .model("nio-epoll")
                .server(new ServerCost(
                        2_000_000L,
                        3_000_000L,
                        25.0,
                        90_000L,
                        1_000L,
                        0.455,
                        9,
                        41_943_040L,
                        0.0,
                        2L,
                        1_500L,
                        1_000L,
                        null,
                        null,
                        null))
                .kernel(new KernelCounters(12L, 15L, 0L, 0L))
                .build();
    }

    /** A bulk-throughput case: the {@code stream} block, no pacing. */
    static CaseSummary streamSummary() {
        Percentiles p = new Percentiles(250.111, 300.031, 400.127, 600.063, 900.095, 260.5);
        LoadReport report = LoadReport.builder()
                .load(CaseLoad.builder()
                        .transport("tcp")
                        .framing("length")
                        .shape("stream")
                        .connections(2)
                        .depth(8)
                        .payloadBytes(65_536)
                        .durationSec(5.0)
                        .warmupSec(1.0)
                        .achievedRatePerSec(16_000.0)
                        .requests(80_000L)
                        .build())
                .latencyUs(new LatencyUs(p, p))
                .stream(new StreamThroughput(1_048_576_000.0, 8_388_608_000.0, 524_288L))
                .generator(new GeneratorCheck(2, 3_000_000L, 37.5, 88.0, null, null, null, null))
                .build();
        return CaseSummary.from(report)
                .caseId("netty-epoll-et-tcp-stream")
                .model("netty-epoll-et")
                .build();
    }

    /** Open-loop load on a few connections beside many silent ones: the {@code idle} block. */
    static CaseSummary idleSummary() {
        Percentiles p = new Percentiles(50.015, 70.015, 120.063, 300.031, 800.255, 55.0);
        LoadReport report = LoadReport.builder()
                .load(CaseLoad.builder()
                        .transport("tcp")
                        .framing("length")
                        .shape("idle")
                        .connections(8)
                        .depth(1)
                        .arrival("poisson")
                        .payloadBytes(64)
                        .durationSec(5.0)
                        .warmupSec(1.0)
                        .targetRatePerSec(1_000.0)
                        .achievedRatePerSec(1_000.0)
                        .requests(5_000L)
                        .build())
                .latencyUs(new LatencyUs(p, p))
                .idle(new IdleConnections(10_000, 10_000, 9_998))
                .generator(new GeneratorCheck(
                        1, 150_000L, 30.0, 5.5, new Percentiles(2.0, 4.0, 9.0, 15.0, 40.0, 2.5), 500.0, null, null))
                .build();
        return CaseSummary.from(report)
                .caseId("blocking-virtual-tcp-idle")
                .model("blocking-virtual")
                .server(new ServerCost(
                        100_000L,
                        200_000L,
                        60.0,
                        6_000L,
                        100L,
                        1.22,
                        10_020,
                        734_003_200L,
                        65_536.0,
                        0L,
                        0L,
                        0L,
                        null,
                        null,
                        null))
                .build();
    }

    /**
     * A paced case as this sockbench writes it (format 2 only): the request accounting, the
     * catch-up bound, the generator's blocked time, and the kernel's counters of a case whose
     * server cost was not measured.
     */
    static CaseSummary pacedSummary() {
        Percentiles corrected = new Percentiles(60.031, 90.047, 400.127, 2_000.895, 8_003.583, 75.5);
        Percentiles raw = new Percentiles(55.039, 80.063, 150.015, 600.063, 1_200.127, 62.0);
        LoadReport report = LoadReport.builder()
                .invalidReasons(List.of("7 requests timed out"))
                .load(CaseLoad.builder()
                        .transport("unix-stream")
                        .framing("raw")
                        .shape("open")
                        .connections(16)
                        .depth(2)
                        .arrival("poisson")
                        .payloadBytes(256)
                        .durationSec(10.0)
                        .warmupSec(3.0)
                        .targetRatePerSec(20_000.0)
                        .catchUpFactor(2.0)
                        .achievedRatePerSec(19_990.1)
                        .requests(199_893L)
                        .accounting(new RequestAccounting(200_000L, 199_893L, 7L, 100L, 0L, 0L))
                        .errors(new ErrorCounts(0, 1, 0, 7, 0))
                        .build())
                .latencyUs(new LatencyUs(corrected, raw))
                .generator(new GeneratorCheck(
                        2,
                        3_500_000L,
                        17.51,
                        45.25,
                        new Percentiles(1.5, 3.0, 12.5, 80.0, 900.0, 2.0),
                        400.0,
                        new Percentiles(0.0, 0.5, 30.0, 150.0, 2_000.0, 1.25),
                        null))
                .build();
        return CaseSummary.from(report)
                .caseId("nio-epoll-unix-stream-open-r20000")
                .model("nio-epoll")
                .kernel(new KernelCounters(0L, 0L, 3L, 5L))
                .build();
    }

    /** Second {@code s} (0 or 1) of the golden log's corrected intervals, values in ns. */
    static Histogram correctedInterval(int s) {
        Histogram h = interval(s);
        if (s == 0) {
            h.recordValueWithCount(100_000L, 1_000); // 1,000 requests at 100 µs
        } else {
            h.recordValueWithCount(5_000_000L, 10); // a stall: 10 requests at 5 ms
        }
        return h;
    }

    /** Second {@code s} (0 or 1) of the golden log's raw intervals, values in ns. */
    static Histogram rawInterval(int s) {
        Histogram h = interval(s);
        if (s == 0) {
            h.recordValueWithCount(100_000L, 1_000);
        } else {
            h.recordValueWithCount(200_000L, 10); // the stall hides from the raw view
        }
        return h;
    }

    private static Histogram interval(int s) {
        Histogram h = new Histogram(3);
        h.setStartTimeStamp(HLOG_START_EPOCH_MS + s * 1_000L);
        h.setEndTimeStamp(HLOG_START_EPOCH_MS + (s + 1) * 1_000L);
        return h;
    }
}
