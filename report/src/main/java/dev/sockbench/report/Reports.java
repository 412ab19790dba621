package dev.sockbench.report;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.export.BenchmarkJsonRenderer;
import dev.sockbench.report.export.CsvReportRenderer;
import dev.sockbench.report.export.JsonReportRenderer;
import dev.sockbench.report.html.ClaimsRenderer;
import dev.sockbench.report.html.HtmlReportRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report's entry point: renders a run folder's report from its files alone, so {@code
 * sockbench report <run-dir>} can re-render an old run with only core and report on the class
 * path.
 *
 * <pre>{@code
 * Path index = Reports.render(Path.of("results/latest"));   // results/<run-id>/report/index.html
 * }</pre>
 */
public final class Reports {
    private Reports() {}

    /** Every renderer of a report: the HTML page with its charts, the claims page, then the CSV and JSON exports. */
    public static List<ReportRenderer> renderers() {
        return List.of(
                new HtmlReportRenderer(),
                new ClaimsRenderer(),
                new CsvReportRenderer(),
                new JsonReportRenderer(),
                new BenchmarkJsonRenderer());
    }

    /**
     * Reads {@code runDir/run.json} and writes {@code runDir/report/} (index.html, PNG charts,
     * cases.csv, cases.json).
     *
     * @return the path of {@code index.html}
     * @throws BadInputException when {@code runDir} is not a run folder this version can read
     * @throws IOException when the report cannot be written
     */
    public static Path render(Path runDir) throws IOException {
        RunResult run = readRun(runDir);
        for (ReportRenderer renderer : renderers()) {
            renderer.render(run, runDir);
        }
        return indexFile(runDir);
    }

    /**
     * Reads {@code runDir/run.json}.
     *
     * @throws BadInputException when {@code runDir} is not a run folder this version can read
     */
    public static RunResult readRun(Path runDir) {
        Path runFile = runDir.resolve(ResultFiles.RUN_FILE);
        if (!Files.isRegularFile(runFile)) {
            throw new BadInputException("not a sockbench run folder: " + runDir + " has no " + ResultFiles.RUN_FILE);
        }
        try {
            return ResultFiles.readRun(runDir);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + runFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cases of {@code runDir} whose files cannot be read (a corrupt or newer-format summary,
     * a missing one), each as one line {@code case-id: reason}; the report shows them as unreadable.
     */
    public static List<String> unreadableCases(Path runDir) {
        return ReportCase.loadAll(readRun(runDir), runDir).stream()
                .filter(c -> c.status() == ReportStatus.UNREADABLE)
                .map(c -> c.caseId() + ": "
                        + String.join("; ", c.reasons()).lines().findFirst().orElse(""))
                .toList();
    }

    /** Where {@link #render} puts the page. */
    public static Path indexFile(Path runDir) {
        return runDir.resolve(ResultFiles.REPORT_DIR).resolve(HtmlReportRenderer.INDEX_FILE);
    }
}
