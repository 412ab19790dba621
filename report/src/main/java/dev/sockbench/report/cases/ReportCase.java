package dev.sockbench.report.cases;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.TrialStats;
import dev.sockbench.core.server.ServerModel;
import dev.sockbench.report.compare.Estimate;
import dev.sockbench.report.compare.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One case of a run as the report sees it: the run's entry for it, its summary when it was
 * measured, and a single status with every reason behind it.
 *
 * @param entry the case as listed in run.json
 * @param status valid, invalid, skipped, failed, pending or unreadable
 * @param reasons why it is not valid; empty when valid
 * @param summary its summary.json; null unless {@link ReportStatus#measured()}
 * @param caseDir its folder, {@code cases/<case-id>/}
 * @param ofNative its capacity (a sweep) or rate as a share of the native reference's ({@link
 *     ServerModel#NATIVE_REFERENCE}) in its group, e.g. 0.8; null unless both are valid
 */
public record ReportCase(
        RunResult.CaseEntry entry,
        ReportStatus status,
        List<String> reasons,
        CaseSummary summary,
        Path caseDir,
        Double ofNative) {

    public ReportCase {
        reasons = List.copyOf(reasons);
    }

    /** A case not (yet) set beside the native reference. */
    public ReportCase(
            RunResult.CaseEntry entry, ReportStatus status, List<String> reasons, CaseSummary summary, Path caseDir) {
        this(entry, status, reasons, summary, caseDir, null);
    }

    /**
     * Reads every case of {@code run} from {@code runDir}, in run order, each valid one set beside
     * its group's native reference. Never throws for a bad case.
     */
    public static List<ReportCase> loadAll(RunResult run, Path runDir) {
        List<ReportCase> cases = new ArrayList<>();
        if (run.cases() == null) {
            return cases;
        }
        for (RunResult.CaseEntry entry : run.cases()) {
            cases.add(load(entry, ResultFiles.caseDir(runDir, entry.caseId())));
        }
        return withNativeShares(cases);
    }

    /**
     * The cases with {@link #ofNative} set where their group (same {@link CaseGroup.Key}) has a valid
     * native reference case: the value is the one the first screen ranks by ({@link #rankValue}).
     */
    static List<ReportCase> withNativeShares(List<ReportCase> cases) {
        Map<CaseGroup.Key, Double> reference = new HashMap<>();
        for (ReportCase c : cases) {
            if (c.status() == ReportStatus.VALID && ServerModel.NATIVE_REFERENCE.equals(c.model())) {
                Estimate v = c.rankValue();
                if (v != null && v.value() > 0) {
                    reference.putIfAbsent(CaseGroup.Key.of(c.summary()), v.value());
                }
            }
        }
        if (reference.isEmpty()) {
            return cases;
        }
        return cases.stream()
                .map(c -> {
                    if (c.status() != ReportStatus.VALID) {
                        return c;
                    }
                    Double ref = reference.get(CaseGroup.Key.of(c.summary()));
                    Estimate v = c.rankValue();
                    return ref == null || v == null
                            ? c
                            : new ReportCase(c.entry, c.status, c.reasons, c.summary, c.caseDir, v.value() / ref);
                })
                .toList();
    }

    /**
     * What the case carried, the figure models are ranked by: a sweep's capacity, else the rate it
     * served (trial medians with their interval, when it ran trials); null when not measured or
     * when a sweep found no capacity.
     */
    public Estimate rankValue() {
        if (summary == null) {
            return null;
        }
        return (summary.sweep() != null ? Metric.CAPACITY : Metric.RATE).of(summary);
    }

    static ReportCase load(RunResult.CaseEntry entry, Path caseDir) {
        List<String> entryReasons = entry.reasons() == null ? List.of() : entry.reasons();
        switch (entry.status()) {
            case SKIPPED -> {
                return new ReportCase(entry, ReportStatus.SKIPPED, entryReasons, null, caseDir);
            }
            case FAILED -> {
                return new ReportCase(entry, ReportStatus.FAILED, entryReasons, null, caseDir);
            }
            case PENDING -> {
                List<String> reasons = entryReasons.isEmpty()
                        ? List.of("not run yet: the run is in progress or was interrupted before this case")
                        : entryReasons;
                return new ReportCase(entry, ReportStatus.PENDING, reasons, null, caseDir);
            }
            case MEASURED -> {
                // handled below
            }
        }
        CaseSummary summary;
        try {
            summary = ResultFiles.readSummary(caseDir.resolve(ResultFiles.SUMMARY_FILE));
        } catch (IOException | RuntimeException e) {
            String reason = "cannot read " + ResultFiles.SUMMARY_FILE + ": " + e.getMessage();
            return new ReportCase(entry, ReportStatus.UNREADABLE, List.of(reason), null, caseDir);
        }
        // A damaged interval log is a damaged case: its charts would show less than was measured.
        Path latencyLog = caseDir.resolve(ResultFiles.LATENCY_LOG_FILE);
        if (Files.isRegularFile(latencyLog)) {
            try {
                LatencyLog.readTotals(latencyLog);
            } catch (IOException e) {
                return new ReportCase(entry, ReportStatus.UNREADABLE, List.of(e.getMessage()), null, caseDir);
            }
        }
        // Either side may have found a reason; the union is what the reader must see.
        Set<String> reasons = new LinkedHashSet<>(summary.invalidReasons());
        reasons.addAll(entryReasons);
        boolean valid = summary.valid() && entry.valid() && reasons.isEmpty();
        if (!valid && reasons.isEmpty()) {
            reasons.add("marked invalid without a reason");
        }
        return new ReportCase(
                entry, valid ? ReportStatus.VALID : ReportStatus.INVALID, List.copyOf(reasons), summary, caseDir);
    }

    /** The case's folder name. */
    public String caseId() {
        return entry.caseId();
    }

    /** The server model id; the summary's when it has one (it is what actually served). */
    public String model() {
        return summary != null && summary.model() != null ? summary.model() : entry.model();
    }

    public String transport() {
        return summary != null ? summary.load().transport() : entry.transport();
    }

    public String shape() {
        return summary != null ? summary.load().shape() : entry.shape();
    }

    /** The case's interval log, {@code latency.hlog}; it may not exist. */
    public Path latencyLog() {
        return caseDir.resolve(ResultFiles.LATENCY_LOG_FILE);
    }

    /**
     * The server JVM's GC log of the run behind this case's numbers: its own, or its representative
     * trial's when it ran trials. It may not exist (a native server, an older run).
     */
    public Path gcLog() {
        TrialStats trials = summary == null ? null : summary.trials();
        Path dir =
                trials == null ? caseDir : caseDir.resolve(RunResult.TrialEntry.folder(trials.representativeTrial()));
        return dir.resolve(ResultFiles.GC_LOG_FILE);
    }

    /** True when the interval log exists (a report chart needs it). */
    public boolean hasLatencyLog() {
        return Files.isRegularFile(latencyLog());
    }
}
