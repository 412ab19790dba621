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
                        "Linux amd64",
                        "6.18.0-1-amd64",
                        "AMD EPYC 7B13",
                        2,
                        8_589_934_592L,
                        "bench-host",
                        Map.of("server", "0", "loadgen", "1")),
                List.of(
                        new RunResult.CaseEntry(
                                "nio-epoll-tcp-open-r10000",
                                "nio-epoll",
                                "tcp",
                                "open",
                                "measured",
                                false,
                                List.of("errors: 10 requests failed")),
                        new RunResult.CaseEntry(
                                "netty-iouring-tcp-open-r10000",
                                "netty-iouring",
                                "tcp",
                                "open",
                                "skipped",
                                false,
                                List.of("unavailable: io_uring is disabled by the kernel"))));
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
