package dev.sockbench.report.cases;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 */
public record ReportCase(
        RunResult.CaseEntry entry, ReportStatus status, List<String> reasons, CaseSummary summary, Path caseDir) {

    public ReportCase {
        reasons = List.copyOf(reasons);
    }

    /** Reads every case of {@code run} from {@code runDir}, in run order. Never throws for a bad case. */
    public static List<ReportCase> loadAll(RunResult run, Path runDir) {
        List<ReportCase> cases = new ArrayList<>();
        if (run.cases() == null) {
            return cases;
        }
        for (RunResult.CaseEntry entry : run.cases()) {
            cases.add(load(entry, ResultFiles.caseDir(runDir, entry.caseId())));
        }
        return cases;
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

    /** True when the interval log exists (a report chart needs it). */
    public boolean hasLatencyLog() {
        return Files.isRegularFile(latencyLog());
    }
}
