package dev.sockbench.report.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as text for the terminal: one line per matched case with each metric's change
 * (a regression marked {@code !}), then the regressions spelled out, then the cases that were not
 * compared and why.
 */
public final class DeltaTable {
    private DeltaTable() {}

    public static String of(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("baseline ")
                .append(c.baseline().runId())
                .append(" → current ")
                .append(c.current().runId())
                .append(", threshold ")
                .append(c.thresholdText())
                .append('\n');
        List<String[]> rows = new ArrayList<>();
        List<Metric> shown = c.metricsShown();
        String[] header = new String[shown.size() + 1];
        header[0] = "case";
        for (int i = 0; i < shown.size(); i++) {
            header[i + 1] = shown.get(i).label();
        }
        rows.add(header);
        for (Comparison.CaseDelta d : c.matched()) {
            String[] row = new String[header.length];
            row[0] = d.identity().slugName();
            for (int i = 1; i < row.length; i++) {
                row[i] = "";
            }
            for (Comparison.MetricDelta m : d.metrics()) {
                String mark =
                        switch (m.verdict()) {
                            case REGRESSED -> " !";
                            case NOISE -> " ~";
                            default -> "";
                        };
                row[shown.indexOf(m.metric()) + 1] = m.change() + mark;
            }
            if (d.notCompared() != null) {
                row[0] += " (not compared)";
            }
            rows.add(row);
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0
                        ? String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i])
                        : String.format(Locale.ROOT, "%" + widths[i] + "s", row[i]);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append("(change from the baseline; ! regressed beyond the threshold, ~ beyond it but within noise)\n");
        for (Comparison.CaseDelta d : c.matched()) {
            if (d.regressed()) {
                out.append("REGRESSED ")
                        .append(d.identity().label())
                        .append(": ")
                        .append(String.join("; ", d.regressions()))
                        .append('\n');
            } else if (d.notCompared() != null) {
                out.append("not compared ")
                        .append(d.identity().label())
                        .append(": ")
                        .append(d.notCompared())
                        .append('\n');
            }
        }
        c.onlyInBaseline()
                .forEach(r ->
                        out.append("only in the baseline: ").append(r.caseId()).append('\n'));
        c.onlyInCurrent().forEach(r -> out.append("only in the current run: ")
                .append(r.caseId())
                .append('\n'));
        c.notMeasured().forEach(r -> out.append("not measured in the current run: ")
                .append(r.caseId())
                .append(" (")
                .append(r.status().id())
                .append(")\n"));
        long regressed =
                c.matched().stream().filter(Comparison.CaseDelta::regressed).count();
        out.append(
                regressed == 0
                        ? "no regression beyond " + c.thresholdText() + " in "
                                + c.matched().size() + " matched cases\n"
                        : regressed + " of " + c.matched().size() + " matched cases regressed beyond "
                                + c.thresholdText() + "\n");
        return out.toString();
    }
}
