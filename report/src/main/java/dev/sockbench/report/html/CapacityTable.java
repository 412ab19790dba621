package dev.sockbench.report.html;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.Formats;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The answer a sweep gives, one row per model: the highest rate it carried within the objective
 * and its latency there, the most capable first. Invalid sweeps go last, marked, with their
 * reasons; a sweep with no good step has no capacity.
 */
final class CapacityTable {
    private CapacityTable() {}

    static Page.CapacityView of(CaseGroup group) {
        SweepResult first = group.cases().getFirst().summary().sweep();
        List<Page.CapacityRow> rows = group.cases().stream()
                .sorted(Comparator.comparing((ReportCase c) -> c.status() != ReportStatus.VALID)
                        .thenComparing(c -> -capacityOf(c)))
                .map(CapacityTable::row)
                .toList();
        return new Page.CapacityView(group.slug(), group.title(), first.slo(), rows);
    }

    private static double capacityOf(ReportCase c) {
        Double capacity = c.summary().sweep().capacityPerSec();
        return capacity == null ? -1 : capacity;
    }

    private static Page.CapacityRow row(ReportCase c) {
        CaseSummary s = c.summary();
        SweepResult sweep = s.sweep();
        boolean invalid = c.status() == ReportStatus.INVALID;
        boolean found = sweep.capacityPerSec() != null;
        // The summary's load and latency are the capacity step's (or the first step's when none was good).
        Percentiles at = s.latencyUs().corrected();
        long good = sweep.steps().stream().filter(SweepResult.SweepStep::good).count();
        return new Page.CapacityRow(
                c.model(),
                invalid ? "INVALID" : c.status().id(),
                invalid ? "invalid" : "valid",
                Formats.capacity(sweep, Formats::rate),
                found ? Formats.rate(s.load().achievedRatePerSec()) : Formats.NONE,
                found ? Formats.micros(at.p50()) : Formats.NONE,
                found ? Formats.micros(at.p99()) : Formats.NONE,
                found ? Formats.micros(at.p999()) : Formats.NONE,
                String.format(Locale.ROOT, "%d of %d", good, sweep.steps().size()),
                invalid,
                String.join("; ", c.reasons()));
    }
}
