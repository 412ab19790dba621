package dev.sockbench.report.cases;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ServerCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The columns of the cases table, in order: what a case is, its load, its latency, its cost. */
public final class CaseColumns {
    public static final String CORRECTED_GROUP = "corrected latency (µs)";
    public static final String RAW_GROUP = "raw latency (µs)";
    public static final String SERVER_GROUP = "server cost";
    /** Key of the status column: a {@link CaseStatus} id. */
    public static final String STATUS = "status";

    /** Every column, in table order. */
    public static final List<Column> ALL = build();

    private CaseColumns() {}

    private static List<Column> build() {
        List<Column> cols = new ArrayList<>();
        cols.add(Column.text("model", "model", ReportCase::model));
        // Next to the model, so no one reads a row's numbers before its status. The export keeps
        // the id; people get INVALID in capitals, hard to read past.
        cols.add(Column.text(STATUS, "status", c -> c.status().id())
                .withDisplay(c -> c.status() == CaseStatus.INVALID
                        ? "INVALID"
                        : c.status().id()));
        cols.add(Column.text("transport", "transport", ReportCase::transport));
        cols.add(Column.text(
                "framing",
                "framing",
                c -> c.summary() == null ? null : c.summary().framing()));
        cols.add(Column.text("shape", "shape", ReportCase::shape));
        cols.add(Column.number(
                "connections", "", "connections", CaseSummary::connections, d -> Formats.integer(d.longValue())));
        cols.add(Column.number(
                "payloadBytes", "", "payload (B)", CaseSummary::payloadBytes, d -> Formats.integer(d.longValue())));
        cols.add(Column.number("targetRatePerSec", "", "target (req/s)", CaseSummary::targetRatePerSec, Formats::rate));
        cols.add(Column.number(
                "achievedRatePerSec", "", "achieved (req/s)", CaseSummary::achievedRatePerSec, Formats::rate));
        addLatency(cols, "corrected", CORRECTED_GROUP, s -> s.latencyUs().corrected());
        addLatency(cols, "raw", RAW_GROUP, s -> s.latencyUs().raw());
        cols.add(Column.number("errors", "", "errors", s -> s.errors().total(), d -> Formats.integer(d.longValue()))
                .withDetail(CaseColumns::errorBreakdown));
        addServer(cols, "serverCpuUsPerRequest", "CPU (µs/req)", ServerCost::cpuUsPerRequest, Formats::ratio);
        addServer(
                cols,
                "serverCtxSwitchesPerRequest",
                "ctx switches (/req)",
                ServerCost::ctxSwitchesPerRequest,
                Formats::ratio);
        addServer(cols, "serverThreads", "threads", ServerCost::threads, d -> Formats.integer(d.longValue()));
        addServer(cols, "serverRssBytes", "RSS (MiB)", ServerCost::rssBytes, Formats::mebibytes);
        addServer(
                cols,
                "serverRssBytesPerConnection",
                "RSS/conn (KiB)",
                ServerCost::rssBytesPerConnection,
                Formats::kibibytes);
        return List.copyOf(cols);
    }

    private static String errorBreakdown(ReportCase c) {
        ErrorCounts e = c.summary() == null ? null : c.summary().errors();
        if (e == null || e.total() == 0) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "connect %d, read %d, write %d, timeout %d, verify %d",
                e.connect(),
                e.read(),
                e.write(),
                e.timeout(),
                e.verify());
    }

    private static void addLatency(
            List<Column> cols, String prefix, String group, Function<CaseSummary, Percentiles> view) {
        cols.add(
                Column.number(prefix + "P50Us", group, "p50", s -> view.apply(s).p50(), Formats::micros));
        cols.add(
                Column.number(prefix + "P90Us", group, "p90", s -> view.apply(s).p90(), Formats::micros));
        cols.add(
                Column.number(prefix + "P99Us", group, "p99", s -> view.apply(s).p99(), Formats::micros));
        cols.add(Column.number(
                prefix + "P999Us", group, "p99.9", s -> view.apply(s).p999(), Formats::micros));
        cols.add(
                Column.number(prefix + "MaxUs", group, "max", s -> view.apply(s).max(), Formats::micros));
    }

    private static void addServer(
            List<Column> cols,
            String key,
            String header,
            Function<ServerCost, Number> cost,
            Function<Double, String> format) {
        cols.add(Column.number(
                key, SERVER_GROUP, header, s -> s.server() == null ? null : cost.apply(s.server()), format));
    }
}
