package dev.sockbench.report.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.report.ReportRenderer;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.compare.CaseIdentity;
import dev.sockbench.report.compare.Estimate;
import dev.sockbench.report.compare.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The run's metrics in github-action-benchmark's custom format, one file per direction (the
 * action takes one tool per file): {@code report/benchmark.json} for {@code customSmallerIsBetter}
 * (latency p50, p99, p99.9, server CPU per request) and {@code report/benchmark-bigger.json} for
 * {@code customBiggerIsBetter} (rate, capacity). Each entry is {@code {"name", "unit", "value"}},
 * plus {@code "range"} when the case carries a confidence interval and {@code "extra"} (the case
 * id). The name is the case's identity across runs (model and load) with the metric and its unit,
 * e.g. {@code nio-epoll tcp-closed-c8-64b-length p99 (µs)}. Only valid cases are exported: an
 * INVALID number must not enter a trend.
 */
public final class BenchmarkJsonRenderer implements ReportRenderer {
    /** Smaller is better: {@code tool: customSmallerIsBetter}. */
    public static final String SMALLER_FILE = "benchmark.json";
    /** Bigger is better: {@code tool: customBiggerIsBetter}. */
    public static final String BIGGER_FILE = "benchmark-bigger.json";

    @Override
    public void render(RunResult run, Path runDir) throws IOException {
        ArrayNode smaller = ResultFiles.mapper().createArrayNode();
        ArrayNode bigger = ResultFiles.mapper().createArrayNode();
        for (Map.Entry<CaseIdentity, ReportCase> e :
                CaseIdentity.of(ReportCase.loadAll(run, runDir)).entrySet()) {
            ReportCase c = e.getValue();
            if (c.status() != ReportStatus.VALID) {
                continue;
            }
            String name = e.getKey().slugName();
            for (Metric m : Metric.values()) {
                Estimate estimate = m.of(c.summary());
                if (estimate == null) {
                    continue;
                }
                ObjectNode entry = (m.direction() == Metric.Direction.SMALLER_IS_BETTER ? smaller : bigger).addObject();
                entry.put("name", name + " " + m.label() + " (" + m.unit() + ")");
                entry.put("unit", m.unit());
                entry.put("value", estimate.value());
                if (estimate.hasInterval()) {
                    entry.put(
                            "range",
                            String.format(Locale.ROOT, "%s … %s", m.format(estimate.low()), m.format(estimate.high())));
                }
                entry.put("extra", "case " + c.caseId());
            }
        }
        Path reportDir = runDir.resolve(ResultFiles.REPORT_DIR);
        ResultFiles.writeJson(reportDir.resolve(SMALLER_FILE), smaller);
        ResultFiles.writeJson(reportDir.resolve(BIGGER_FILE), bigger);
    }
}
