package dev.sockbench.report.cases;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.GeneratorCheck;
import dev.sockbench.core.result.IdleConnections;
import dev.sockbench.core.result.KernelCounters;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.StreamThroughput;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.core.result.TrialStats;
import dev.sockbench.core.server.ServerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The columns of the cases table, in order: what a case is and its load, what it achieved, its
 * latency, its failures, what it cost the server, the kernel and the generator. A block a case
 * does not have (a sweep, datagrams, the server's cost ...) leaves its columns empty.
 */
public final class CaseColumns {
    public static final String CORRECTED_GROUP = "corrected latency (µs)";
    public static final String RAW_GROUP = "raw latency (µs)";
    public static final String DATAGRAM_GROUP = "datagrams (requests)";
    public static final String SERVER_GROUP = "server cost";
    public static final String KERNEL_GROUP = "kernel drops (whole host)";
    public static final String GENERATOR_GROUP = "load generator";
    /** Key of the status column: a {@link ReportStatus} id. */
    public static final String STATUS = "status";
    /** Key of the share of the native reference's rate or capacity, percent. */
    public static final String OF_NATIVE = "ofNativePercent";
    /** Key of the server's longest GC pause, shown beside the corrected latency. */
    public static final String GC_PAUSE_MAX = "serverGcPauseMaxUs";

    /** Every column, in table order. */
    public static final List<Column> ALL = build();

    private CaseColumns() {}

    private static List<Column> build() {
        List<Column> cols = new ArrayList<>();
        cols.add(Column.text("model", "model", ReportCase::model));
        // Next to the model, so no one reads a row's numbers before its status. The export keeps
        // the id; people get INVALID in capitals, hard to read past.
        cols.add(Column.text(STATUS, "status", c -> c.status().id())
                .withDisplay(c -> c.status() == ReportStatus.INVALID
                        ? "INVALID"
                        : c.status().id()));
        cols.add(Column.text("transport", "transport", ReportCase::transport));
        cols.add(Column.text(
                "framing",
                "framing",
                c -> c.summary() == null ? null : c.summary().load().framing()));
        cols.add(Column.text("shape", "shape", ReportCase::shape));
        cols.add(Column.text(
                "arrival",
                "arrival",
                c -> c.summary() == null ? null : c.summary().load().arrival()));
        cols.add(Column.number("connections", "", "connections", s -> s.load().connections(), Formats::count));
        cols.add(Column.number(
                "depth", "", "depth (in flight/conn)", s -> s.load().depth(), Formats::count));
        cols.add(Column.number("payloadBytes", "", "payload (B)", s -> s.load().payloadBytes(), Formats::count));
        cols.add(block("idleConnections", "", "idle conns", CaseSummary::idle, IdleConnections::opened, Formats::count)
                .withDetail(CaseColumns::idleDetail));
        cols.add(Column.text(
                "sweepSlo",
                "SLO",
                c -> c.summary() == null || c.summary().sweep() == null
                        ? null
                        : c.summary().sweep().slo()));
        cols.add(block(
                "sweepCapacityPerSec",
                "",
                "capacity (req/s)",
                CaseSummary::sweep,
                SweepResult::capacityPerSec,
                Formats::rate));
        cols.add(Column.number(
                "targetRatePerSec", "", "target (req/s)", s -> s.load().targetRatePerSec(), Formats::rate));
        cols.add(Column.number(
                "achievedRatePerSec", "", "achieved (req/s)", s -> s.load().achievedRatePerSec(), Formats::rate));
        // With --trials: how many were measured; the statistics in the tooltip and the exports.
        cols.add(block("trials", "", "trials", CaseSummary::trials, TrialStats::measured, Formats::count)
                .withDetail(CaseColumns::trialsDetail));
        cols.add(new Column(
                OF_NATIVE,
                "",
                "% of native",
                true,
                c -> c.ofNative() == null ? null : c.ofNative() * 100,
                c -> Formats.share(c.ofNative()),
                c -> c.ofNative() == null
                        ? ""
                        : (c.summary().sweep() != null ? "capacity" : "achieved rate") + " as a percentage of "
                                + ServerModel.NATIVE_REFERENCE + "'s in the same group"));
        cols.add(block(
                "streamBytesPerSec",
                "",
                "throughput (MiB/s)",
                CaseSummary::stream,
                StreamThroughput::bytesPerSec,
                Formats::mebibytes));
        addLatency(cols, "corrected", CORRECTED_GROUP, s -> s.latencyUs().corrected());
        addLatency(cols, "raw", RAW_GROUP, s -> s.latencyUs().raw());
        cols.add(Column.number("errors", "", "errors", s -> s.load().errors().total(), Formats::count)
                .withDetail(CaseColumns::errorBreakdown));

        cols.add(block("udpLost", DATAGRAM_GROUP, "lost", CaseSummary::udp, DatagramCounts::lost, Formats::count)
                .withDetail(CaseColumns::datagramDetail));
        cols.add(block("udpLate", DATAGRAM_GROUP, "late", CaseSummary::udp, DatagramCounts::late, Formats::count));
        cols.add(block(
                "udpDuplicated",
                DATAGRAM_GROUP,
                "duplicated",
                CaseSummary::udp,
                DatagramCounts::duplicated,
                Formats::count));
        cols.add(block(
                "udpReordered",
                DATAGRAM_GROUP,
                "reordered",
                CaseSummary::udp,
                DatagramCounts::reordered,
                Formats::count));

        cols.add(block(
                "serverCpuUsPerRequest",
                SERVER_GROUP,
                "CPU (µs/req)",
                CaseSummary::server,
                ServerCost::cpuUsPerRequest,
                Formats::ratio));
        cols.add(block(
                "serverCtxSwitchesPerRequest",
                SERVER_GROUP,
                "ctx switches (/req)",
                CaseSummary::server,
                ServerCost::ctxSwitchesPerRequest,
                Formats::ratio));
        cols.add(block(
                "serverThreads", SERVER_GROUP, "threads", CaseSummary::server, ServerCost::threads, Formats::count));
        cols.add(block(
                "serverRssBytes",
                SERVER_GROUP,
                "RSS (MiB)",
                CaseSummary::server,
                ServerCost::rssBytes,
                Formats::mebibytes));
        cols.add(block(
                "serverRssBytesPerConnection",
                SERVER_GROUP,
                "RSS/conn (KiB)",
                CaseSummary::server,
                ServerCost::rssBytesPerConnection,
                Formats::kibibytes));
        cols.add(block(
                "serverGcPauses",
                SERVER_GROUP,
                "GC pauses",
                CaseSummary::server,
                ServerCost::gcPauses,
                Formats::count));
        cols.add(block(
                        GC_PAUSE_MAX,
                        SERVER_GROUP,
                        "GC max pause (µs)",
                        CaseSummary::server,
                        ServerCost::gcPauseMaxUs,
                        Formats::micros)
                .withDetail(CaseColumns::gcPauseDetail));
        // Models on virtual threads only: a pinned one holds its carrier thread while it blocks.
        cols.add(block(
                "serverVirtualThreadsPinned",
                SERVER_GROUP,
                "pinned virtual threads",
                CaseSummary::server,
                ServerCost::virtualThreadsPinned,
                Formats::count));

        cols.add(block(
                "kernelUdpRcvbufErrors",
                KERNEL_GROUP,
                "UDP rcvbuf",
                CaseSummary::kernel,
                KernelCounters::udpRcvbufErrors,
                Formats::count));
        cols.add(block(
                "kernelListenOverflows",
                KERNEL_GROUP,
                "listen overflows",
                CaseSummary::kernel,
                KernelCounters::listenOverflows,
                Formats::count));

        cols.add(block(
                "generatorCpuUsPerRequest",
                GENERATOR_GROUP,
                "CPU (µs/req)",
                CaseSummary::generator,
                GeneratorCheck::cpuUsPerRequest,
                Formats::ratio));
        cols.add(block(
                "generatorBusyPercent",
                GENERATOR_GROUP,
                "busiest thread (%)",
                CaseSummary::generator,
                GeneratorCheck::busyPercent,
                Formats::percent));
        cols.add(block(
                "generatorSendLagP99Us",
                GENERATOR_GROUP,
                "send lag p99 (µs)",
                CaseSummary::generator,
                g -> g.sendLagUs() == null ? null : g.sendLagUs().p99(),
                Formats::micros));
        cols.add(block(
                "generatorSendLagMaxUs",
                GENERATOR_GROUP,
                "send lag max (µs)",
                CaseSummary::generator,
                g -> g.sendLagUs() == null ? null : g.sendLagUs().max(),
                Formats::micros));
        // The server's share of the send delay: requests waiting for a full connection.
        cols.add(block(
                "generatorBlockedP99Us",
                GENERATOR_GROUP,
                "blocked p99 (µs)",
                CaseSummary::generator,
                g -> g.blockedUs() == null ? null : g.blockedUs().p99(),
                Formats::micros));
        // A virtual machine's host running other work on the generator's CPUs: a lag it explains.
        cols.add(block(
                "generatorStealMs",
                GENERATOR_GROUP,
                "host steal (ms)",
                CaseSummary::generator,
                g -> g.stealUs() == null ? null : g.stealUs() / 1_000,
                Formats::count));
        return List.copyOf(cols);
    }

    /** A number from an optional block of the summary: absent when the block is. */
    private static <B> Column block(
            String key,
            String group,
            String header,
            Function<CaseSummary, B> block,
            Function<B, Number> field,
            Function<Double, String> format) {
        return Column.number(
                key,
                group,
                header,
                s -> {
                    B b = block.apply(s);
                    return b == null ? null : field.apply(b);
                },
                format);
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

    /** E.g. {@code achieved (req/s) median 45.2k, 95% CI 44.1k–46.0k, differs from the best (p = 0.012)}. */
    private static String trialsDetail(ReportCase c) {
        TrialStats t = c.summary() == null ? null : c.summary().trials();
        if (t == null) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        lines.add(t.measured() + " of " + t.trials() + " trials measured; this row shows trial "
                + t.representativeTrial() + ", the median one");
        addTrialLine(lines, "capacity (req/s)", t.capacityPerSec(), Formats::rate);
        addTrialLine(lines, "achieved (req/s)", t.achievedRatePerSec(), Formats::rate);
        addTrialLine(lines, "corrected p50 (µs)", t.correctedP50Us(), Formats::micros);
        addTrialLine(lines, "corrected p99 (µs)", t.correctedP99Us(), Formats::micros);
        addTrialLine(lines, "corrected p99.9 (µs)", t.correctedP999Us(), Formats::micros);
        addTrialLine(lines, "server CPU (µs/req)", t.serverCpuUsPerRequest(), Formats::ratio);
        return String.join("\n", lines);
    }

    private static void addTrialLine(
            List<String> lines, String name, TrialStats.Metric m, Function<Double, String> format) {
        if (m == null) {
            return;
        }
        String line = name + " median " + format.apply(m.median());
        if (m.ci95Low() != null) {
            line += ", 95% CI " + format.apply(m.ci95Low()) + "–" + format.apply(m.ci95High());
        }
        if (m.differsFromBest() != null) {
            line += m.differsFromBest() ? ", differs from the best" : ", not significantly different from the best";
            if (m.pValueVsBest() != null) {
                line += String.format(Locale.ROOT, " (p = %.3g)", m.pValueVsBest());
            }
        } else if (m.pValueVsBest() == null && m.values().size() > 1) {
            line += ", the best";
        }
        lines.add(line);
    }

    /** The longest pause beside the tail it may explain: {@code 4.2 ms pause, corrected p99.9 5.1 ms}. */
    private static String gcPauseDetail(ReportCase c) {
        ServerCost server = c.summary() == null ? null : c.summary().server();
        if (server == null || server.gcPauseMaxUs() == null || server.gcPauses() == null) {
            return "";
        }
        Double p999 = c.summary().latencyUs().corrected().p999();
        return "the longest of " + Formats.count(server.gcPauses().doubleValue())
                + " stop-the-world pauses in the interval"
                + (p999 == null
                        ? ""
                        : "; corrected p99.9 " + Formats.micros(p999) + " µs"
                                + (server.gcPauseMaxUs() >= p999 / 2
                                        ? ": a pause this long may explain the tail"
                                        : ""));
    }

    private static String errorBreakdown(ReportCase c) {
        ErrorCounts e = c.summary() == null ? null : c.summary().load().errors();
        if (e == null || e.total() == 0) {
            return "";
        }
        return e.breakdown();
    }

    private static String datagramDetail(ReportCase c) {
        DatagramCounts d = c.summary() == null ? null : c.summary().udp();
        return d == null
                ? ""
                : String.format(Locale.ROOT, "sent %d, received %d, lost %d", d.sent(), d.received(), d.lost());
    }

    private static String idleDetail(ReportCase c) {
        IdleConnections i = c.summary() == null ? null : c.summary().idle();
        return i == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "requested %d, opened %d, still open at the end %d",
                        i.requested(),
                        i.opened(),
                        i.openAtEnd());
    }
}
