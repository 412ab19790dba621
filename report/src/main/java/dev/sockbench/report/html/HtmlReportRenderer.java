package dev.sockbench.report.html;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.report.ReportRenderer;
import dev.sockbench.report.cases.CaseColumns;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.Column;
import dev.sockbench.report.cases.Formats;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.chart.Palette;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The report people read: {@code runDir/report/index.html} and its PNG charts beside it, one
 * self-contained folder (no scripts, no network). The run header, how to read it, the capacity
 * each model reached in sweeps, a table of every measured case grouped by what is comparable
 * (INVALID cases marked with their reasons), the cases that were not measured and why, per group
 * the charts ({@link GroupCharts}), and the environment.
 *
 * <p>The page comes from the {@code index.mustache} template, which HTML-escapes every value.
 */
public final class HtmlReportRenderer implements ReportRenderer {
    /** The page's file name inside the report folder. */
    public static final String INDEX_FILE = "index.html";

    private static final Mustache TEMPLATE =
            new DefaultMustacheFactory("dev/sockbench/report/html").compile("index.mustache");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Override
    public void render(RunResult run, Path runDir) throws IOException {
        Path reportDir = runDir.resolve(ResultFiles.REPORT_DIR);
        List<ReportCase> cases = ReportCase.loadAll(run, runDir);
        Palette palette =
                Palette.of(cases.stream().map(ReportCase::model).distinct().toList());

        List<Column> columns = shownColumns(cases);
        List<Page.GroupView> groups = new ArrayList<>();
        List<Page.CapacityView> capacity = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (CaseGroup group : CaseGroup.of(cases)) {
            GroupCharts.Result charts = GroupCharts.draw(group, palette, reportDir);
            charts.files().forEach(image -> written.add(image.file()));
            List<Page.Row> rows =
                    group.cases().stream().map(c -> row(c, columns)).toList();
            groups.add(new Page.GroupView(group.slug(), group.title(), rows, charts.files(), charts.notCharted()));
            if (group.sweep()) {
                capacity.add(CapacityTable.of(group));
            }
        }
        List<Page.NotMeasured> notMeasured = cases.stream()
                .filter(c -> !c.status().measured())
                .map(c -> new Page.NotMeasured(
                        c.caseId(),
                        c.model(),
                        c.transport(),
                        c.shape(),
                        c.status().id(),
                        String.join("; ", c.reasons())))
                .toList();

        Page page = new Page(
                run.runId(),
                run.suite(),
                time(run.startedAt()),
                run.finishedAt() == null ? null : time(run.finishedAt()),
                counts(cases),
                environment(run.environment()),
                columns.size(),
                headerGroups(columns),
                headers(columns),
                capacity,
                groups,
                notMeasured);
        StringWriter html = new StringWriter();
        TEMPLATE.execute(html, page).flush();
        ResultFiles.writeAtomically(
                reportDir.resolve(INDEX_FILE), html.toString().getBytes(StandardCharsets.UTF_8));
        removeStaleCharts(reportDir, written);
    }

    /**
     * The columns some measured case has a value in: a run without sweeps, datagrams or a
     * measured server shows no empty columns for them. The exports keep every column.
     */
    private static List<Column> shownColumns(List<ReportCase> cases) {
        List<ReportCase> measured =
                cases.stream().filter(c -> c.status().measured()).toList();
        return CaseColumns.ALL.stream()
                .filter(col -> measured.stream().anyMatch(c -> col.value().apply(c) != null))
                .toList();
    }

    private static Page.Row row(ReportCase c, List<Column> columns) {
        boolean invalid = c.status() == ReportStatus.INVALID;
        List<Page.Cell> cells = new ArrayList<>();
        for (Column col : columns) {
            String css = (col.numeric() ? "num" : "") + (col.key().equals(CaseColumns.STATUS) ? " status" : "");
            cells.add(new Page.Cell(col.display().apply(c), col.detail().apply(c), css.strip()));
        }
        return new Page.Row(c.caseId(), invalid ? "invalid" : "valid", cells, invalid, String.join("; ", c.reasons()));
    }

    /** The top header row: one cell per run of columns that share a group. */
    private static List<Page.HeaderCell> headerGroups(List<Column> columns) {
        List<Page.HeaderCell> cells = new ArrayList<>();
        if (columns.isEmpty()) {
            return cells;
        }
        String current = null;
        int span = 0;
        for (Column col : columns) {
            if (!col.group().equals(current) && span > 0) {
                cells.add(new Page.HeaderCell(current, span, current.isEmpty() ? "" : "grouphead"));
                span = 0;
            }
            current = col.group();
            span++;
        }
        cells.add(new Page.HeaderCell(current, span, current.isEmpty() ? "" : "grouphead"));
        return cells;
    }

    private static List<Page.HeaderCell> headers(List<Column> columns) {
        return columns.stream()
                .map(col -> new Page.HeaderCell(col.header(), 1, col.numeric() ? "num" : ""))
                .toList();
    }

    /** For example {@code 6 cases: 4 valid, 1 INVALID, 1 skipped}. */
    private static String counts(List<ReportCase> cases) {
        Map<ReportStatus, Long> byStatus = new EnumMap<>(ReportStatus.class);
        cases.forEach(c -> byStatus.merge(c.status(), 1L, Long::sum));
        String parts = byStatus.entrySet().stream()
                .map(e -> e.getValue() + " "
                        + (e.getKey() == ReportStatus.INVALID
                                ? "INVALID"
                                : e.getKey().id()))
                .collect(Collectors.joining(", "));
        return cases.size() + (cases.size() == 1 ? " case" : " cases") + (parts.isEmpty() ? "" : ": " + parts);
    }

    private static List<Page.NameValue> environment(Environment env) {
        if (env == null) {
            return List.of(new Page.NameValue("environment", "not recorded"));
        }
        // The runner's own sentence says why when nothing was pinned; else list the roles.
        String pinning = env.pinningNote() != null
                ? env.pinningNote()
                : env.pinning() == null || env.pinning().isEmpty()
                        ? "not pinned"
                        : env.pinning().entrySet().stream()
                                .map(e -> e.getKey() + " on CPUs " + e.getValue())
                                .sorted()
                                .collect(Collectors.joining("; "));
        return List.of(
                new Page.NameValue("JDK", orUnknown(env.jdk())),
                new Page.NameValue("JVM flags", flags(env.jvmFlags())),
                new Page.NameValue("load generator JVM adds (paced shapes)", flags(env.loadgenJvmFlags())),
                new Page.NameValue("OS", orUnknown(env.os())),
                new Page.NameValue("kernel", orUnknown(env.kernel())),
                new Page.NameValue("CPU", orUnknown(env.cpuModel())),
                new Page.NameValue("CPUs online", Integer.toString(env.cpus())),
                new Page.NameValue(
                        "memory (GiB)",
                        env.memoryBytes() == null
                                ? Formats.NONE
                                : String.format(Locale.ROOT, "%.1f", env.memoryBytes() / (double) (1L << 30))),
                new Page.NameValue("CPU pinning", pinning),
                new Page.NameValue("host", orUnknown(env.hostname())),
                new Page.NameValue("sockbench", orUnknown(env.sockbenchVersion())),
                new Page.NameValue("git commit", orUnknown(env.gitSha())));
    }

    /** An ISO-8601 instant to the second, in UTC: {@code 2026-11-29 11:12:05 UTC}; other text as is. */
    static String time(String isoInstant) {
        if (isoInstant == null || isoInstant.isBlank()) {
            return "unknown";
        }
        try {
            return TIME.format(Instant.parse(isoInstant));
        } catch (DateTimeParseException e) {
            return isoInstant;
        }
    }

    private static String flags(List<String> flags) {
        return flags == null ? "unknown" : String.join(" ", flags);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }

    /** A re-render may group differently: charts no longer linked from the page go. */
    private static void removeStaleCharts(Path reportDir, Set<String> written) throws IOException {
        try (Stream<Path> files = Files.list(reportDir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".png") && !written.contains(name)) {
                    Files.delete(f);
                }
            }
        }
    }
}
