package dev.sockbench.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run folders for tests of what reads them (report, compare): small runs of closed-loop cases with
 * known numbers, and a copy of any run made worse by a known factor (a synthetic regression).
 */
public final class TestRuns {
    private TestRuns() {}

    /**
     * A valid closed-loop case over {@code transport} (8 connections, 64 B, length framing, 1 s)
     * whose corrected and raw latency are the given percentiles, served at {@code ratePerSec}
     * for {@code cpuUsPerRequest} of the server's CPU.
     */
    public static CaseSummary closed(
            String caseId,
            String model,
            String transport,
            double ratePerSec,
            double p50Us,
            double p99Us,
            double cpuUsPerRequest) {
        Percentiles p = new Percentiles(p50Us, p50Us * 1.2, p99Us, null, p99Us * 2, p50Us);
        long requests = Math.round(ratePerSec);
        LoadReport report = LoadReport.builder()
                .load(CaseLoad.builder()
                        .transport(transport)
                        .framing("length")
                        .shape("closed")
                        .connections(8)
                        .depth(1)
                        .payloadBytes(64)
                        .durationSec(1.0)
                        .warmupSec(0.5)
                        .achievedRatePerSec(ratePerSec)
                        .requests(requests)
                        .build())
                .latencyUs(new LatencyUs(p, p))
                .build();
        long cpuUs = Math.round(cpuUsPerRequest * requests);
        return CaseSummary.from(report)
                .caseId(caseId)
                .model(model)
                .server(new ServerCost(
                        cpuUs / 2, cpuUs - cpuUs / 2, cpuUsPerRequest, 100L, 10L, 0.01, 10, 50L << 20, 4_096.0))
                .build();
    }

    /**
     * {@code s} as if it were the median of {@code trials} trials whose values spread {@code
     * spread} (a share, e.g. 0.2) to either side: each metric's median is the summary's own value,
     * its 95% interval {@code value × (1 ± spread)}, no test against a best.
     */
    public static CaseSummary withTrials(CaseSummary s, int trials, double spread) {
        return s.withTrials(new TrialStats(
                trials,
                trials,
                (trials + 1) / 2,
                spread(s.load().achievedRatePerSec(), true, spread),
                s.sweep() == null ? null : spread(s.sweep().capacityPerSec(), true, spread),
                spread(s.latencyUs().corrected().p50(), false, spread),
                spread(s.latencyUs().corrected().p99(), false, spread),
                spread(s.latencyUs().corrected().p999(), false, spread),
                s.server() == null ? null : spread(s.server().cpuUsPerRequest(), false, spread)));
    }

    private static TrialStats.Metric spread(Double value, boolean higherIsBetter, double spread) {
        if (value == null) {
            return null;
        }
        double low = value * (1 - spread);
        double high = value * (1 + spread);
        return new TrialStats.Metric(
                List.of(low, value, high), value, value, low, high, higherIsBetter, null, null, null);
    }

    /** Writes run.json and each case's summary.json (no interval log) into {@code runDir}. */
    public static void write(Path runDir, String runId, List<CaseSummary> cases) throws IOException {
        List<RunResult.CaseEntry> entries = new ArrayList<>();
        for (CaseSummary s : cases) {
            ResultFiles.writeJson(ResultFiles.caseDir(runDir, s.caseId()).resolve(ResultFiles.SUMMARY_FILE), s);
            entries.add(entry(s));
        }
        RunResult run = new RunResult(
                ResultFiles.FORMAT,
                runId,
                "test",
                "2026-01-15T10:00:00Z",
                "2026-01-15T10:01:00Z",
                new Environment(
                        "0.1.0-SNAPSHOT",
                        "feedc0de",
                        "test JDK 25",
                        List.of(),
                        null,
                        "Linux",
                        "6.18",
                        "Test CPU",
                        2,
                        8L << 30,
                        "test-host",
                        Map.of(),
                        "not pinned in tests"),
                entries);
        ResultFiles.writeJson(runDir.resolve(ResultFiles.RUN_FILE), run);
    }

    /** Rewrites {@code runDir}'s run.json as a run across a cluster with {@code hosts}. */
    public static void acrossHosts(Path runDir, List<Environment.Host> hosts) throws IOException {
        RunResult run = ResultFiles.readRun(runDir);
        ResultFiles.writeJson(
                runDir.resolve(ResultFiles.RUN_FILE),
                new RunResult(
                        run.format(),
                        run.runId(),
                        run.suite(),
                        run.startedAt(),
                        run.finishedAt(),
                        run.environment().withHosts(hosts),
                        run.cases()));
    }

    /** One metric of a trials block times {@code factor}: its values and what was computed from them. */
    private static void scale(JsonNode metric, double factor) {
        if (metric == null) {
            return;
        }
        ObjectNode m = (ObjectNode) metric;
        for (String field : List.of("median", "mean", "ci95Low", "ci95High")) {
            if (m.hasNonNull(field)) {
                m.put(field, m.get(field).asDouble() * factor);
            }
        }
        List<Double> values = new ArrayList<>();
        m.get("values").forEach(v -> values.add(v.asDouble() * factor));
        ArrayNode scaled = m.putArray("values");
        values.forEach(scaled::add);
    }

    /** The run's entry of a measured case, as the suite runner records it. */
    public static RunResult.CaseEntry entry(CaseSummary s) {
        return new RunResult.CaseEntry(
                s.caseId(),
                s.model(),
                s.load().transport(),
                s.load().shape(),
                CaseStatus.MEASURED,
                s.valid(),
                s.invalidReasons());
    }

    /**
     * Copies the run folder {@code from} to {@code to} (a new folder) with every measured case made
     * worse: each latency figure (corrected and raw) times {@code latencyFactor}, the achieved rate
     * and a sweep's capacity divided by {@code rateDivisor}, in the {@code trials} block too (their
     * values, medians, means and intervals). The interval logs are copied unchanged.
     */
    public static void regressed(Path from, Path to, double latencyFactor, double rateDivisor) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (f.getFileName().toString().equals(ResultFiles.SUMMARY_FILE)) {
                    ObjectNode summary = (ObjectNode) ResultFiles.mapper().readTree(f.toFile());
                    ObjectNode load = (ObjectNode) summary.get("load");
                    load.put(
                            "achievedRatePerSec", load.get("achievedRatePerSec").asDouble() / rateDivisor);
                    JsonNode sweep = summary.get("sweep");
                    if (sweep != null && sweep.hasNonNull("capacityPerSec")) {
                        ((ObjectNode) sweep)
                                .put(
                                        "capacityPerSec",
                                        sweep.get("capacityPerSec").asDouble() / rateDivisor);
                    }
                    for (String view : List.of("corrected", "raw")) {
                        ObjectNode p = (ObjectNode) summary.get("latencyUs").get(view);
                        Iterator<Map.Entry<String, JsonNode>> fields = p.fields();
                        List<String> names = new ArrayList<>();
                        fields.forEachRemaining(e -> names.add(e.getKey()));
                        for (String name : names) {
                            if (p.get(name).isNumber()) {
                                p.put(name, p.get(name).asDouble() * latencyFactor);
                            }
                        }
                    }
                    JsonNode trials = summary.get("trials");
                    if (trials != null) {
                        for (String rate : List.of("achievedRatePerSec", "capacityPerSec")) {
                            scale(trials.get(rate), 1 / rateDivisor);
                        }
                        for (String latency : List.of("correctedP50Us", "correctedP99Us", "correctedP999Us")) {
                            scale(trials.get(latency), latencyFactor);
                        }
                    }
                    ResultFiles.writeJson(target, summary);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
