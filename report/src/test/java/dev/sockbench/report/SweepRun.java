package dev.sockbench.report;

import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.GeneratorCheck;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.core.result.SweepResult.SweepStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A run folder with the blocks of the later load shapes, written the way the load generator
 * writes them: three sweeps under {@code p99=1ms} (the capacity step's histograms under the
 * usual tags) and one UDP case with datagram accounting.
 *
 * <pre>
 * sweep-nio-epoll          steps 10k good (p99 100 µs), 20k good (300 µs), 40k bad (5 ms, 30k achieved): capacity 20,000
 * sweep-blocking-platform  steps 10k good (200 µs), 20k bad (2 ms): capacity 10,000
 * sweep-blocking-virtual   step 10k bad (3 ms): no capacity, INVALID
 * udp-nio-epoll            open 1,000 req/s over UDP: 7 lost, 1 late, 2 duplicated, 5 reordered
 * </pre>
 */
final class SweepRun {
    static final String PINNING_NOTE = "not pinned: taskset is not installed";
    static final String NO_GOOD_STEP = "no step was good: capacity under p99=1ms is below the start rate 10000/s";

    private SweepRun() {}

    static RunResult write(Path runDir) throws IOException {
        List<RunResult.CaseEntry> entries = new ArrayList<>();
        entries.add(sweep(
                runDir,
                "sweep-blocking-virtual",
                "blocking-virtual",
                List.of(step(10_000, 10_000, 3_000, false)),
                null,
                List.of(NO_GOOD_STEP)));
        entries.add(sweep(
                runDir,
                "sweep-nio-epoll",
                "nio-epoll",
                List.of(
                        step(10_000, 10_000, 100, true),
                        step(40_000, 30_000, 5_000, false),
                        step(20_000, 20_000, 300, true)),
                20_000.0,
                List.of()));
        entries.add(sweep(
                runDir,
                "sweep-blocking-platform",
                "blocking-platform",
                List.of(step(10_000, 10_000, 200, true), step(20_000, 19_000, 2_000, false)),
                10_000.0,
                List.of()));
        entries.add(udp(runDir));
        Environment env = new Environment(
                "0.1.0-SNAPSHOT",
                "sha",
                "jdk",
                List.of(),
                null,
                "Linux amd64",
                "6.18",
                "cpu",
                2,
                1L << 30,
                "host",
                Map.of(),
                PINNING_NOTE);
        RunResult run = new RunResult(ResultFiles.FORMAT, "sweeps", "test", "2026-01-15T10:00:00Z", null, env, entries);
        ResultFiles.writeJson(runDir.resolve(ResultFiles.RUN_FILE), run);
        return run;
    }

    /** A step whose corrected p99 is {@code p99Us}; the rest of its percentiles follow from it. */
    static SweepStep step(double target, double achieved, double p99Us, boolean good) {
        Percentiles corrected = new Percentiles(p99Us / 4, p99Us / 2, p99Us, p99Us * 2, p99Us * 3, p99Us / 3);
        Percentiles raw = new Percentiles(p99Us / 5, p99Us / 3, p99Us / 2, p99Us, p99Us * 2, p99Us / 4);
        return new SweepStep(
                target,
                achieved,
                (long) achieved,
                0,
                new LatencyUs(corrected, raw),
                good,
                good ? List.of() : List.of("p99 exceeds the objective p99=1ms"),
                false);
    }

    private static RunResult.CaseEntry sweep(
            Path runDir, String caseId, String model, List<SweepStep> steps, Double capacity, List<String> invalid)
            throws IOException {
        SweepStep top = steps.stream()
                .filter(s -> capacity != null && s.targetRatePerSec() == capacity)
                .findFirst()
                .orElse(steps.getFirst());
        LoadReport report = LoadReport.builder()
                .invalidReasons(invalid)
                .load(TestLoads.tcp("sweep", 4, top.requests())
                        .depth(1)
                        .arrival("constant")
                        .warmupSec(0.5)
                        .targetRatePerSec(top.targetRatePerSec())
                        .achievedRatePerSec(top.achievedRatePerSec())
                        .build())
                .latencyUs(top.latencyUs())
                .sweep(new SweepResult("p99=1ms", 99.0, 1_000.0, capacity, steps))
                .generator(new GeneratorCheck(
                        1, 1_000L, 2.5, 40.0, new Percentiles(1.0, 2.0, 3.0, 4.0, 5, 1), 250.0, null, null))
                .build();
        CaseSummary summary =
                CaseSummary.from(report).caseId(caseId).model(model).build();
        Path caseDir = ResultFiles.caseDir(runDir, caseId);
        ResultFiles.writeJson(caseDir.resolve(ResultFiles.SUMMARY_FILE), summary);
        try (LatencyLog log = LatencyLog.create(caseDir.resolve(ResultFiles.LATENCY_LOG_FILE), 0L)) {
            log.write(LatencyLog.CORRECTED, hist((long)
                    (top.latencyUs().corrected().p99() * 1_000)));
            log.write(LatencyLog.RAW, hist((long) (top.latencyUs().raw().p99() * 1_000)));
        }
        return new RunResult.CaseEntry(caseId, model, "tcp", "sweep", CaseStatus.MEASURED, invalid.isEmpty(), invalid);
    }

    private static RunResult.CaseEntry udp(Path runDir) throws IOException {
        Histogram h = hist(50_000L);
        Percentiles p = Percentiles.ofNanos(h);
        LoadReport report = LoadReport.builder()
                .load(CaseLoad.builder()
                        .transport("udp")
                        .framing("length")
                        .shape("open")
                        .connections(2)
                        .depth(1)
                        .arrival("poisson")
                        .payloadBytes(64)
                        .durationSec(1.0)
                        .warmupSec(0.5)
                        .targetRatePerSec(1_000.0)
                        .achievedRatePerSec(993.0)
                        .requests(993)
                        .build())
                .latencyUs(new LatencyUs(p, p))
                .udp(new DatagramCounts(1_000, 993, 7, 1, 2, 5))
                .build();
        CaseSummary summary = CaseSummary.from(report)
                .caseId("udp-nio-epoll")
                .model("nio-epoll")
                .build();
        Path caseDir = ResultFiles.caseDir(runDir, "udp-nio-epoll");
        ResultFiles.writeJson(caseDir.resolve(ResultFiles.SUMMARY_FILE), summary);
        try (LatencyLog log = LatencyLog.create(caseDir.resolve(ResultFiles.LATENCY_LOG_FILE), 0L)) {
            log.write(LatencyLog.CORRECTED, h);
            log.write(LatencyLog.RAW, h);
        }
        return new RunResult.CaseEntry(
                "udp-nio-epoll", "nio-epoll", "udp", "open", CaseStatus.MEASURED, true, List.of());
    }

    private static Histogram hist(long valueNs) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(valueNs, 100);
        return h;
    }
}
