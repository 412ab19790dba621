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
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.Palette;
import dev.sockbench.report.claims.Claims;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report people read: {@code runDir/report/index.html} and its PNG charts beside it, one
 * self-contained folder (no scripts, no network). The run header, how to read it, the capacity
 * each model reached in sweeps, a table of every measured case grouped by what is comparable
 * (INVALID cases marked with their reasons), the cases that were not measured and why, per group
 * the charts ({@link GroupCharts}) and each case's latency over time ({@link Timelines}), the
 * connection and payload scaling ({@link Scaling}), the latest JMH results beside the run ({@link
 * JmhResults}), and the environment.
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
        List<CaseGroup> caseGroups = CaseGroup.of(cases);
        List<Page.GroupView> groups = new ArrayList<>();
        List<Page.CapacityView> capacity = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<Page.TransportAnswer> answers = Answer.of(caseGroups, palette, reportDir, written);
        for (CaseGroup group : caseGroups) {
            GroupCharts.Result charts = GroupCharts.draw(group, palette, reportDir);
            charts.files().forEach(image -> written.add(image.file()));
            List<Page.Image> timelines = Timelines.draw(group, palette, reportDir);
            timelines.forEach(image -> written.add(image.file()));
            groups.add(new Page.GroupView(group.slug(), group.title(), charts.files(), timelines, charts.notCharted()));
            if (group.sweep()) {
                capacity.add(CapacityTable.of(group));
            }
        }
        List<Page.Image> scaling = new ArrayList<>(Scaling.draw(caseGroups, palette, reportDir));
        scaling.addAll(Handlers.draw(caseGroups, palette, reportDir));
        scaling.forEach(image -> written.add(image.file()));
        List<Page.TableView> views = new ArrayList<>();
        for (View view : View.values()) {
            List<Column> shown = view.order(columns.stream().filter(view::shows).toList());
            List<Page.GroupRows> rows = caseGroups.stream()
                    .map(g -> new Page.GroupRows(
                            g.slug(),
                            g.title(),
                            g.cases().stream().map(c -> row(c, shown)).toList()))
                    .toList();
            views.add(new Page.TableView(
                    view.id, view.title, view.lead, shown.size(), headerGroups(shown), headers(shown), rows));
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
                answers,
                views,
                capacity,
                groups,
                scaling,
                notMeasured,
                JmhResults.copyLatest(runDir, reportDir),
                Claims.any(Claims.evaluate(cases)),
                Hosts.of(cases));
        StringWriter html = new StringWriter();
        TEMPLATE.execute(html, page).flush();
        ResultFiles.writeAtomically(
                reportDir.resolve(INDEX_FILE), html.toString().getBytes(StandardCharsets.UTF_8));
        Charts.removeStalePngs(reportDir, written);
    }

    /**
     * The detail, split into tables a laptop screen holds: each view shows the model and status,
     * then its own columns. What the cases share (transport, shape, load) is in each group's title.
     */
    enum View {
        LATENCY(
                "latency",
                "Latency and rate",
                "What each case carried and how long its requests took.",
                Set.of(
                        "idleConnections",
                        "sweepSlo",
                        "sweepCapacityPerSec",
                        "targetRatePerSec",
                        "achievedRatePerSec",
                        CaseColumns.OF_NATIVE,
                        "streamBytesPerSec",
                        CaseColumns.GC_PAUSE_MAX,
                        "errors"),
                Set.of(CaseColumns.CORRECTED_GROUP, CaseColumns.RAW_GROUP, CaseColumns.DATAGRAM_GROUP)),
        COST(
                "cost",
                "Server cost and health",
                "What serving the load cost the server process, its GC pauses and pinned virtual threads, and the host's kernel drop counters.",
                Set.of("achievedRatePerSec", CaseColumns.OF_NATIVE),
                Set.of(CaseColumns.SERVER_GROUP, CaseColumns.KERNEL_GROUP)),
        GENERATOR(
                "generator",
                "Load generator health",
                "Whether the instrument kept up: its CPU, its busiest thread, how late its sends left.",
                Set.of("targetRatePerSec", "achievedRatePerSec"),
                Set.of(CaseColumns.GENERATOR_GROUP));

        private final String id;
        private final String title;
        private final String lead;
        private final Set<String> keys;
        private final Set<String> columnGroups;

        View(String id, String title, String lead, Set<String> keys, Set<String> columnGroups) {
            this.id = id;
            this.title = title;
            this.lead = lead;
            this.keys = keys;
            this.columnGroups = columnGroups;
        }

        /**
         * The view's columns in table order, but the server's longest GC pause right after the
         * corrected latency in the latency view: beside the tail it may explain.
         */
        List<Column> order(List<Column> shown) {
            if (this != LATENCY) {
                return shown;
            }
            List<Column> ordered = new ArrayList<>(shown);
            Column pause = ordered.stream()
                    .filter(c -> c.key().equals(CaseColumns.GC_PAUSE_MAX))
                    .findFirst()
                    .orElse(null);
            if (pause == null) {
                return shown;
            }
            ordered.remove(pause);
            int afterCorrected = 0;
            for (int i = 0; i < ordered.size(); i++) {
                if (ordered.get(i).group().equals(CaseColumns.CORRECTED_GROUP)) {
                    afterCorrected = i + 1;
                }
            }
            ordered.add(afterCorrected, pause);
            return ordered;
        }

        boolean shows(Column col) {
            return col.key().equals("model")
                    || col.key().equals(CaseColumns.STATUS)
                    || keys.contains(col.key())
                    || columnGroups.contains(col.group());
        }
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

    static List<Page.NameValue> environment(Environment env) {
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
        List<Page.NameValue> rows = new ArrayList<>(List.of(
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
                new Page.NameValue("git commit", orUnknown(env.gitSha()))));
        if (env.hosts() != null) {
            // A run across a cluster: the rows above are the controller's; each agent's host here.
            for (Environment.Host host : env.hosts()) {
                Environment e = host.environment();
                rows.add(new Page.NameValue(
                        "agent " + host.agent(),
                        orUnknown(host.address())
                                + (e == null
                                        ? ": environment not reported"
                                        : String.format(
                                                Locale.ROOT,
                                                ": %s, %d × %s, kernel %s, %s; %s; git %s",
                                                orUnknown(e.hostname()),
                                                e.cpus(),
                                                orUnknown(e.cpuModel()),
                                                orUnknown(e.kernel()),
                                                orUnknown(e.jdk()),
                                                orUnknown(e.pinningNote()),
                                                orUnknown(e.gitSha())))));
            }
        }
        return rows;
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
}
