package dev.sockbench.report;

import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.TestRuns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A run folder written by the test with known values, the way the suite runner writes one: the
 * summaries' percentiles are computed from the very histograms written to latency.hlog.
 *
 * <pre>
 * group tcp · closed · 8 connections · 64 B:
 *   closed-blocking-platform   valid, 1,000 × 200 µs, cost 12.5 µs/req
 *   closed-nio-epoll           valid, 1,000 × 100 µs, cost 8.25 µs/req
 *   closed-script              valid, model named with a script tag, no server cost
 * group tcp · open · 10,000 req/s · 8 connections · 64 B:
 *   open-nio-epoll             valid, corrected 1,000 × 100 µs + 10 × 5 ms stall, raw 10 × 200 µs instead
 *   open-blocking-virtual      INVALID: achieved rate short, a reason with markup in it
 * not measured:
 *   iouring-unix               skipped: n/a
 *   poll-tcp                   failed
 * </pre>
 */
public final class SyntheticRun {
    public static final String SCRIPT_MODEL = "<script>alert('x')</script>";
    public static final String SHORT_RATE_REASON = "achieved 8,000 req/s is below 99% of the 10,000 req/s target";
    static final String MARKUP_REASON = "generator CPU saturated <b>99%</b>";
    static final String SKIP_REASON = "n/a: io_uring has no Unix channel";
    static final String FAIL_REASON = "server exited with code 1 before LISTENING";
    static final long START_MS = 1_768_471_200_000L;

    private SyntheticRun() {}

    public static RunResult write(Path runDir) throws IOException {
        List<RunResult.CaseEntry> entries = new ArrayList<>();
        Histogram platform = hist(200_000L, 1_000);
        entries.add(measured(
                runDir,
                closed("closed-blocking-platform", "blocking-platform", cost(12.5, 1_000), platform),
                platform,
                platform));
        Histogram epoll = hist(100_000L, 1_000);
        entries.add(measured(runDir, closed("closed-nio-epoll", "nio-epoll", cost(8.25, 1_000), epoll), epoll, epoll));
        Histogram script = hist(150_000L, 1_000);
        entries.add(measured(runDir, closed("closed-script", SCRIPT_MODEL, null, script), script, script));

        Histogram stalled = hist(100_000L, 1_000);
        stalled.recordValueWithCount(5_000_000L, 10);
        Histogram raw = hist(100_000L, 1_000);
        raw.recordValueWithCount(200_000L, 10);
        entries.add(
                measured(runDir, open("open-nio-epoll", "nio-epoll", 9_999.0, stalled, raw, List.of()), stalled, raw));

        Histogram slow = hist(300_000L, 800);
        entries.add(measured(
                runDir,
                open(
                        "open-blocking-virtual",
                        "blocking-virtual",
                        8_000.0,
                        slow,
                        slow,
                        List.of(SHORT_RATE_REASON, MARKUP_REASON)),
                slow,
                slow));

        entries.add(new RunResult.CaseEntry(
                "iouring-unix",
                "netty-iouring",
                "unix-stream",
                "closed",
                CaseStatus.SKIPPED,
                false,
                List.of(SKIP_REASON)));
        entries.add(new RunResult.CaseEntry(
                "poll-tcp", "nio-poll", "tcp", "closed", CaseStatus.FAILED, false, List.of(FAIL_REASON)));

        RunResult run = new RunResult(
                ResultFiles.FORMAT,
                "2026-01-15T10-00-00-test",
                "test",
                "2026-01-15T10:00:00Z",
                "2026-01-15T10:01:00Z",
                new Environment(
                        "0.1.0-SNAPSHOT",
                        "feedc0de",
                        "Eclipse Adoptium 25+36-LTS",
                        List.of("--enable-native-access=ALL-UNNAMED"),
                        null,
                        "Linux amd64",
                        "6.18.0-test",
                        "Test CPU @ 3.0GHz",
                        2,
                        8L << 30,
                        "test-host",
                        Map.of("server", "0", "loadgen", "1"),
                        null),
                entries);
        ResultFiles.writeJson(runDir.resolve(ResultFiles.RUN_FILE), run);
        return run;
    }

    /** A histogram of {@code count} values of {@code valueNs}. */
    static Histogram hist(long valueNs, long count) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(valueNs, count);
        return h;
    }

    static ServerCost cost(double cpuUsPerRequest, long requests) {
        long cpuUs = Math.round(cpuUsPerRequest * requests);
        return new ServerCost(cpuUs / 2, cpuUs - cpuUs / 2, cpuUsPerRequest, 1_500, 20, 1.52, 12, 50L << 20, 16_384.0);
    }

    /** A closed-loop case: corrected equals raw, both from {@code latency}. */
    private static CaseSummary closed(String caseId, String model, ServerCost server, Histogram latency) {
        Percentiles p = Percentiles.ofNanos(latency);
        LoadReport report = LoadReport.builder()
                .load(load("closed", null, 1_000.0, latency.getTotalCount(), ErrorCounts.NONE))
                .latencyUs(new LatencyUs(p, p))
                .build();
        return CaseSummary.from(report)
                .caseId(caseId)
                .model(model)
                .server(server)
                .build();
    }

    private static CaseSummary open(
            String caseId, String model, double achieved, Histogram corrected, Histogram raw, List<String> reasons) {
        LoadReport report = LoadReport.builder()
                .invalidReasons(reasons)
                .load(load(
                        "open",
                        10_000.0,
                        achieved,
                        corrected.getTotalCount(),
                        reasons.isEmpty() ? ErrorCounts.NONE : new ErrorCounts(0, 3, 0, 2, 0)))
                .latencyUs(new LatencyUs(Percentiles.ofNanos(corrected), Percentiles.ofNanos(raw)))
                .build();
        return CaseSummary.from(report)
                .caseId(caseId)
                .model(model)
                .server(cost(20.0, corrected.getTotalCount()))
                .build();
    }

    /** 8 connections, half a second of warm-up before the measured second. */
    private static CaseLoad load(
            String shape, Double targetRatePerSec, double achievedRatePerSec, long requests, ErrorCounts errors) {
        return TestLoads.tcp(shape, 8, requests)
                .warmupSec(0.5)
                .targetRatePerSec(targetRatePerSec)
                .achievedRatePerSec(achievedRatePerSec)
                .errors(errors)
                .build();
    }

    /** Writes the case's summary and its latency.hlog, from the histograms its percentiles came from. */
    private static RunResult.CaseEntry measured(Path runDir, CaseSummary summary, Histogram corrected, Histogram raw)
            throws IOException {
        Path caseDir = ResultFiles.caseDir(runDir, summary.caseId());
        ResultFiles.writeJson(caseDir.resolve(ResultFiles.SUMMARY_FILE), summary);
        try (LatencyLog log = LatencyLog.create(caseDir.resolve(ResultFiles.LATENCY_LOG_FILE), START_MS)) {
            // Split each histogram over two one-second intervals, as a real log would be.
            writeHalves(log, LatencyLog.CORRECTED, corrected);
            writeHalves(log, LatencyLog.RAW, raw);
        }
        return TestRuns.entry(summary);
    }

    private static void writeHalves(LatencyLog log, String tag, Histogram total) {
        Histogram first = new Histogram(3);
        Histogram second = new Histogram(3);
        for (var v : total.recordedValues()) {
            long half = v.getCountAtValueIteratedTo() / 2;
            first.recordValueWithCount(v.getValueIteratedTo(), half);
            second.recordValueWithCount(v.getValueIteratedTo(), v.getCountAtValueIteratedTo() - half);
        }
        first.setStartTimeStamp(START_MS);
        first.setEndTimeStamp(START_MS + 1_000);
        second.setStartTimeStamp(START_MS + 1_000);
        second.setEndTimeStamp(START_MS + 2_000);
        log.write(tag, first);
        log.write(tag, second);
    }
}
