package dev.sockbench.loadgen;

import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.GeneratorCheck;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.RequestAccounting;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.core.transport.Endpoint;
import java.util.Locale;

/** The short, wrk-like summary printed after {@code PHASE done}. Stateless. */
final class HumanSummary {
    private HumanSummary() {}

    static String format(Endpoint target, LoadReport s) {
        CaseLoad load = s.load();
        StringBuilder b = new StringBuilder();
        line(
                b,
                "%s %s, %d connection(s) x depth %d, %d thread(s), %d B payload%s",
                load.shape(),
                target,
                load.connections(),
                load.depth(),
                s.generator().threads(),
                load.payloadBytes(),
                target.transport().streamOriented() ? ", framing " + load.framing() : "");
        line(
                b,
                "  %d requests in %.2f s (after %.2f s warm-up): %.1f/s%s",
                load.requests(),
                load.durationSec(),
                load.warmupSec(),
                load.achievedRatePerSec(),
                load.targetRatePerSec() == null
                        ? ""
                        : String.format(Locale.ROOT, " (target %.1f/s, %s)", load.targetRatePerSec(), load.arrival()));
        line(b, "  latency %12s %10s %10s %10s %10s %10s", "p50", "p90", "p99", "p99.9", "max", "mean");
        percentiles(b, "corrected", s.latencyUs().corrected());
        percentiles(b, "raw", s.latencyUs().raw());
        RequestAccounting a = load.accounting();
        if (a != null && a.answered() != a.intended()) {
            line(
                    b,
                    "  requests  %d intended: %d answered, %d timed out, %d failed, %d lost, %d never sent",
                    a.intended(),
                    a.answered(),
                    a.timedOut(),
                    a.failed(),
                    a.lost(),
                    a.unsent());
        }
        ErrorCounts e = load.errors();
        line(b, "  errors    %s", e.total() == 0 ? "none" : e.breakdown());
        DatagramCounts d = s.udp();
        if (d != null) {
            line(
                    b,
                    "  datagrams sent %d, received %d, lost %d, late %d, duplicated %d, reordered %d",
                    d.sent(),
                    d.received(),
                    d.lost(),
                    d.late(),
                    d.duplicated(),
                    d.reordered());
        }
        if (s.stream() != null) {
            line(
                    b,
                    "  stream    %.1f MB/s (%.2f Gbit/s) echoed",
                    s.stream().bytesPerSec() / 1e6,
                    s.stream().bitsPerSec() / 1e9);
        }
        if (s.idle() != null) {
            line(
                    b,
                    "  idle      %d asked, %d opened, %d still open at the end",
                    s.idle().requested(),
                    s.idle().opened(),
                    s.idle().openAtEnd());
        }
        SweepResult sweep = s.sweep();
        if (sweep != null) {
            if (sweep.ceilingPerSec() != null) {
                line(
                        b,
                        "  ceiling   %.0f/s closed loop%s",
                        sweep.ceilingPerSec(),
                        sweep.ceilingIsGenerators() ? ", the generator's (saturated), not the server's" : "");
            }
            for (SweepResult.SweepStep step : sweep.steps()) {
                line(
                        b,
                        "  step %10.0f/s  achieved %10.1f/s  p99 %10s  %s",
                        step.targetRatePerSec(),
                        step.achievedRatePerSec(),
                        us(step.latencyUs().corrected().p99()),
                        step.good() ? "good" : "bad: " + String.join("; ", step.reasons()));
            }
            line(
                    b,
                    "  capacity  %s under %s%s",
                    sweep.capacityPerSec() == null
                            ? "none"
                            : String.format(
                                    Locale.ROOT,
                                    "%s%.0f/s",
                                    sweep.capacityIsLowerBound() ? "at least " : "",
                                    sweep.capacityPerSec()),
                    sweep.slo(),
                    sweep.capacityIsLowerBound() ? " (the generator, not the server, bounded the search)" : "");
        }
        GeneratorCheck g = s.generator();
        line(
                b,
                "  generator busiest thread %.0f%%, cpu %.1f us/request%s",
                g.busyPercent(),
                g.cpuUsPerRequest(),
                g.sendLagUs() == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", send lag p99 %s max %s (bound at p99 %.1f us), blocked p99 %s",
                                us(g.sendLagUs().p99()),
                                us(g.sendLagUs().max()),
                                g.lagBoundUs(),
                                us(g.blockedUs().p99())));
        line(b, "  %s", s.valid() ? "VALID" : "INVALID: " + String.join("; ", s.invalidReasons()));
        return b.toString();
    }

    private static void percentiles(StringBuilder b, String label, Percentiles p) {
        line(
                b,
                "  %-9s %10s %10s %10s %10s %10s %10s",
                label,
                us(p.p50()),
                us(p.p90()),
                us(p.p99()),
                us(p.p999()),
                us(p.max()),
                us(p.mean()));
    }

    /** A latency for people; a percentile not measured (too few requests) as "-". */
    private static String us(Double us) {
        if (us == null) {
            return "-";
        }
        return us >= 10_000 ? String.format(Locale.ROOT, "%.1fms", us / 1e3) : String.format(Locale.ROOT, "%.1fus", us);
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
