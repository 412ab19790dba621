package dev.sockbench.report.claims;

import dev.sockbench.report.chart.AnswerChart;
import dev.sockbench.report.chart.ScalingChart;
import dev.sockbench.report.chart.StackedBarChart;
import java.util.List;

/**
 * One claim with the verdict this run gives it.
 *
 * @param id a short slug, e.g. {@code descriptors} (anchors and chart file names)
 * @param claim the claim as the notes make it, one sentence
 * @param verdict what this machine says
 * @param finding the verdict's reason with its numbers, one or two sentences
 * @param headers the evidence table's column names
 * @param rows the evidence table, one row per model (or pair)
 * @param chart the chart that shows it; null when nothing was measured
 */
public record ClaimResult(
        String id,
        String title,
        String claim,
        Verdict verdict,
        String finding,
        List<String> headers,
        List<List<String>> rows,
        Chart chart) {

    public ClaimResult {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** A claim the run has no cases for. */
    static ClaimResult notMeasured(String id, String title, String claim, String needs) {
        return new ClaimResult(id, title, claim, Verdict.NOT_MEASURED, needs, List.of(), List.of(), null);
    }

    /** A chart of a claim's evidence. */
    public sealed interface Chart {
        String title();
    }

    /** Lines against a log axis: p99 above, a second figure below ({@link ScalingChart}). */
    public record Lines(String title, ScalingChart.Axis axis, List<ScalingChart.Line> lines) implements Chart {}

    /** Bars, one per model or cell: a value beside CPU per request ({@link AnswerChart}). */
    public record Bars(String title, String valueLabel, List<AnswerChart.Bar> bars) implements Chart {}

    /** Stacked bars: parts of a whole per category ({@link StackedBarChart}). */
    public record Stacked(String title, String valueLabel, List<StackedBarChart.Part> parts) implements Chart {}
}
