package dev.sockbench.report.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.report.ReportRenderer;
import dev.sockbench.report.cases.ReportCase;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code report/cases.json}: the CSV's rows as JSON, typed. {@code {"format": 1, "runId": ...,
 * "suite": ..., "cases": [{"caseId": ..., "model": ..., "correctedP99Us": 120.3, ...,
 * "reasons": [...]}]}}: the same keys in the same order as cases.csv, numbers as numbers, absent
 * values as null.
 */
public final class JsonReportRenderer implements ReportRenderer {
    public static final String FILE = "cases.json";
    /** The export's own format version: its keys are the table's, whatever the results format. */
    public static final int FORMAT = 1;

    @Override
    public void render(RunResult run, Path runDir) throws IOException {
        // A tree, not a Map: the mapper sorts map keys, and these keep the table's order.
        ObjectNode root = ResultFiles.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("runId", run.runId());
        root.put("suite", run.suite());
        ArrayNode cases = root.putArray("cases");
        for (ReportCase c : ReportCase.loadAll(run, runDir)) {
            ObjectNode row = cases.addObject();
            for (ExportFields.Field f : ExportFields.of(c)) {
                row.set(f.key(), ResultFiles.mapper().valueToTree(f.value()));
            }
        }
        ResultFiles.writeJson(runDir.resolve(ResultFiles.REPORT_DIR).resolve(FILE), root);
    }
}
