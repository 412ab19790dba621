package dev.sockbench.report.export;

import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.report.ReportRenderer;
import dev.sockbench.report.cases.ReportCase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code report/cases.csv}: one row per case of the run (measured or not), with a header row of
 * the field keys ({@code caseId}, the HTML table's columns with their units in the names, {@code
 * reasons}). RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * quote or line break. Numbers are written in full (no rounding, no grouping); absent values
 * are empty; reasons are joined with {@code "; "}.
 */
public final class CsvReportRenderer implements ReportRenderer {
    public static final String FILE = "cases.csv";

    private static final String EOL = "\r\n";

    @Override
    public void render(RunResult run, Path runDir) throws IOException {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", ExportFields.keys())).append(EOL);
        for (ReportCase c : ReportCase.loadAll(run, runDir)) {
            csv.append(ExportFields.of(c).stream().map(f -> field(f.value())).collect(Collectors.joining(",")))
                    .append(EOL);
        }
        ResultFiles.writeAtomically(
                runDir.resolve(ResultFiles.REPORT_DIR).resolve(FILE),
                csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String field(Object value) {
        return switch (value) {
            case null -> "";
            case Double d -> BigDecimal.valueOf(d).toPlainString();
            case Float f -> BigDecimal.valueOf(f).toPlainString();
            case Number n -> n.toString();
            case List<?> list -> quote(list.stream().map(String::valueOf).collect(Collectors.joining("; ")));
            default -> quote(value.toString());
        };
    }

    private static String quote(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
