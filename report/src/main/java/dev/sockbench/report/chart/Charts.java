package dev.sockbench.report.chart;

import dev.sockbench.core.result.ResultFiles;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;

/**
 * The door to the report's charts: every chart is built and written through here, so AWT is
 * headless before any chart class touches it (a report renders on servers without a display).
 */
public final class Charts {
    static {
        // Must happen before AWT initialises; this class is loaded before any chart is built.
        System.setProperty("java.awt.headless", "true");
    }

    /** Chart size in pixels: wide enough for a legend of ten models, small enough to sit in a page. */
    public static final int WIDTH_PX = 960;

    public static final int HEIGHT_PX = 540;

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    private Charts() {}

    /** Writes {@code chart} as a PNG to {@code file}, through a temporary file and a rename. */
    public static void writePng(JFreeChart chart, Path file) throws IOException {
        writePng(chart, file, WIDTH_PX, HEIGHT_PX);
    }

    /** Writes {@code chart} as a PNG of the given size. */
    public static void writePng(JFreeChart chart, Path file, int widthPx, int heightPx) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, widthPx, heightPx);
        ResultFiles.writeAtomically(file, png.toByteArray());
    }

    /** The latency percentile distribution of comparable cases, one line per model. */
    public static JFreeChart percentileDistribution(String title, List<PercentileChart.Line> lines, Palette palette) {
        return PercentileChart.create(title, lines, palette);
    }

    /** The server's CPU time and context switches per request, one bar per model. */
    public static JFreeChart costPerRequest(String title, List<CostChart.Bar> bars, Palette palette) {
        return CostChart.create(title, bars, palette);
    }

    /** A sweep's latency against its achieved rate, one curve per model, the objective drawn across. */
    public static JFreeChart sweep(
            String title, String percentileLabel, double objectiveUs, List<SweepChart.Curve> curves, Palette palette) {
        return SweepChart.create(title, percentileLabel, objectiveUs, curves, palette);
    }

    /**
     * Deletes the PNG files in {@code dir} not named in {@code written}: a re-render may draw
     * other charts, and the page links only its own.
     */
    public static void removeStalePngs(Path dir, Collection<String> written) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".png") && !written.contains(name)) {
                    Files.delete(f);
                }
            }
        }
    }

    /** One case's p99 and completed requests per second, the server's GC pauses marked. */
    public static JFreeChart timeline(
            String title,
            java.awt.Color color,
            double lengthSec,
            List<TimelineChart.Second> seconds,
            List<TimelineChart.Pause> pauses) {
        return TimelineChart.create(title, color, lengthSec, seconds, pauses);
    }

    /** p99 and a second figure against idle connections or payload size, one line per model. */
    public static JFreeChart scaling(
            String title, ScalingChart.Axis x, List<ScalingChart.Line> lines, Palette palette) {
        return ScalingChart.create(title, x, lines, palette);
    }

    /** Each model's capacity (or rate) under each handler, the same load otherwise. */
    public static JFreeChart handlerCapacity(
            String title, String valueLabel, List<String> handlings, List<HandlerChart.Line> lines, Palette palette) {
        return HandlerChart.capacity(title, valueLabel, handlings, lines, palette);
    }

    /** The server's CPU per request under each handler, split into I/O and the handler's work. */
    public static JFreeChart handlerCpu(
            String title, List<String> handlings, List<HandlerChart.CpuSplit> splits, Palette palette) {
        return HandlerChart.cpu(title, handlings, splits, palette);
    }

    /** One transport's models in rank order: capacity or rate beside CPU per request. */
    public static JFreeChart answer(String title, String valueLabel, List<AnswerChart.Bar> bars, Palette palette) {
        return AnswerChart.create(title, valueLabel, bars, palette);
    }

    /** Horizontal stacked bars, parts of a whole per category (the claims page's system calls per request). */
    public static JFreeChart stacked(String title, String valueLabel, List<StackedBarChart.Part> parts) {
        return StackedBarChart.create(title, valueLabel, parts);
    }

    static void style(JFreeChart chart, Plot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE_FONT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(GRID);
    }
}
