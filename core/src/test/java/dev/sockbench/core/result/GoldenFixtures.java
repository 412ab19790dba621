package dev.sockbench.core.result;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The records behind the golden files of result format 1 ({@code src/test/resources/golden/format-1/}).
 * The golden files are the format's specification by example: a reader outside sockbench sees
 * exactly these files, so a change that alters them is a format change.
 */
final class GoldenFixtures {
    /** Epoch ms of the golden latency.hlog's start (2026-01-15T10:00:00Z). */
    static final long HLOG_START_EPOCH_MS = 1_768_471_200_000L;

    private GoldenFixtures() {}

    static CaseSummary summary() {
        return new CaseSummary(
                1,
                "nio-epoll-tcp-open-r10000",
                "nio-epoll",
                "tcp",
                "length",
                "open",
                8,
                64,
                10.0,
                2.0,
                10_000.0,
                9_998.7,
                99_987L,
                new ErrorCounts(0, 1, 2, 3, 4),
                new LatencyUs(
                        new Percentiles(41.215, 63.487, 120.319, 1_004.543, 5_005.311, 52.25),
                        new Percentiles(40.191, 60.415, 101.375, 201.983, 210.047, 45.5)),
                false,
                List.of("errors: 10 requests failed"),
                new ServerCost(812_000L, 1_604_000L, 24.16, 150_000L, 2_000L, 1.52, 12, 52_428_800L, 16_384.5));
    }

    static RunResult run() {
        return new RunResult(
                1,
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
        return new CaseSummary(
                1,
                "nio-epoll-udp-sweep",
                "nio-epoll",
                "udp",
                "length",
                "sweep",
                4,
                128,
                5.0,
                1.0,
                40_000.0,
                39_990.5,
                199_952L,
                ErrorCounts.NONE,
                new LatencyUs(capacityCorrected, capacityRaw),
                true,
                List.of(),
                new ServerCost(
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
                        new KernelCounters(12, 15, 0, 0)),
                1,
                "constant",
                new GeneratorCheck(
                        2, 4_000_000L, 20.004, 61.5, new Percentiles(3.5, 8.0, 20.5, 60.0, 120.0, 4.25), 250.0, null),
                new DatagramCounts(199_960L, 199_952L, 8L, 1L, 2L, 30L),
                null,
                null,
                new SweepResult(
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
                                        List.of()),
                                new SweepResult.SweepStep(
                                        40_000.0,
                                        39_990.5,
                                        199_952L,
                                        0L,
                                        new LatencyUs(capacityCorrected, capacityRaw),
                                        true,
                                        List.of()),
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
                                                "p99 5000.0 us exceeds the objective p99=1ms")))),
                null,
                null);
    }

    /** A bulk-throughput case: the {@code stream} block, no pacing. */
    static CaseSummary streamSummary() {
        Percentiles p = new Percentiles(250.111, 300.031, 400.127, 600.063, 900.095, 260.5);
        return new CaseSummary(
                1,
                "netty-epoll-et-tcp-stream",
                "netty-epoll-et",
                "tcp",
                "length",
                "stream",
                2,
                65_536,
                5.0,
                1.0,
                null,
                16_000.0,
                80_000L,
                ErrorCounts.NONE,
                new LatencyUs(p, p),
                true,
                List.of(),
                null,
                8,
                null,
                new GeneratorCheck(2, 3_000_000L, 37.5, 88.0, null, null, null),
                null,
                new StreamThroughput(1_048_576_000.0, 8_388_608_000.0, 524_288L),
                null,
                null,
                null,
                null);
    }

    /** Open-loop load on a few connections beside many silent ones: the {@code idle} block. */
    static CaseSummary idleSummary() {
        Percentiles p = new Percentiles(50.015, 70.015, 120.063, 300.031, 800.255, 55.0);
        return new CaseSummary(
                1,
                "blocking-virtual-tcp-idle",
                "blocking-virtual",
                "tcp",
                "length",
                "idle",
                8,
                64,
                5.0,
                1.0,
                1_000.0,
                1_000.0,
                5_000L,
                ErrorCounts.NONE,
                new LatencyUs(p, p),
                true,
                List.of(),
                new ServerCost(
                        100_000L, 200_000L, 60.0, 6_000L, 100L, 1.22, 10_020, 734_003_200L, 65_536.0, 0L, 0L, 0L, null),
                1,
                "poisson",
                new GeneratorCheck(
                        1, 150_000L, 30.0, 5.5, new Percentiles(2.0, 4.0, 9.0, 15.0, 40.0, 2.5), 500.0, null),
                null,
                null,
                new IdleConnections(10_000, 10_000, 9_998),
                null,
                null,
                null);
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
