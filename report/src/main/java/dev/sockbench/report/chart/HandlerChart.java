package dev.sockbench.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.GroupedStackedBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.KeyToGroupMap;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The same load under different handlers (echo, json, protobuf, CPU work, blocking work, offload):
 * each model's capacity per handler, and the server's CPU per request split into the I/O (the
 * model's echo case) and the handler's work (the rest).
 */
public final class HandlerChart {
    private static final BasicStroke LINE = new BasicStroke(2.0f);
    private static final double POINT_PX = 8.0;
    private static final Color IO = new Color(0xB0, 0xB0, 0xB0);

    private HandlerChart() {}

    /**
     * One model's capacity (or rate) under each handling.
     *
     * @param model the model id (picks the colour)
     * @param byHandling the value per handling label; a handling missing has no point
     */
    public record Line(String model, Map<String, Double> byHandling) {}

    /**
     * One model's CPU per request under one handling, µs: the I/O (its echo case's) and the rest.
     *
     * @param model the model id
     * @param handling the handling label
     * @param ioUs the echo case's CPU per request
     * @param handlerUs this case's CPU per request beyond it (0 for the echo itself, never below 0)
     */
    public record CpuSplit(String model, String handling, double ioUs, double handlerUs) {}

    static JFreeChart capacity(
            String title, String valueLabel, List<String> handlings, List<Line> lines, Palette palette) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Line line : lines) {
            for (String h : handlings) {
                Double v = line.byHandling().get(h);
                if (v != null && v > 0) { // a log axis cannot show 0
                    data.addValue(v, line.model(), h);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                } else {
                    data.addValue(null, line.model(), h);
                }
            }
        }
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        Ellipse2D point = new Ellipse2D.Double(-POINT_PX / 2, -POINT_PX / 2, POINT_PX, POINT_PX);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, palette.color(lines.get(i).model()));
            renderer.setSeriesStroke(i, LINE);
            renderer.setSeriesShape(i, point);
        }
        LogAxis y = new LogAxis(valueLabel + " (log)");
        y.setNumberFormatOverride(new DecimalFormat("#,##0"));
        if (max > 0) {
            y.setRange(min / 1.5, max * 1.5);
        }
        CategoryAxis x = new CategoryAxis("handler");
        x.setMaximumCategoryLabelLines(2); // "echo block=2ms offload 8" fits on two lines, not one
        return chart(
                title,
                new CategoryPlot(data, x, y, renderer),
                "each point one case · the same load but for what the server does with each request");
    }

    static JFreeChart cpu(String title, List<String> handlings, List<CpuSplit> splits, Palette palette) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        KeyToGroupMap groups = new KeyToGroupMap(handlings.getFirst());
        for (String h : handlings) {
            groups.mapKeyToGroup(h + ": I/O", h);
            groups.mapKeyToGroup(h + ": handler", h);
        }
        for (String h : handlings) { // series in handling order, I/O below the handler's work
            for (CpuSplit s : splits) {
                if (s.handling().equals(h)) {
                    data.addValue(s.ioUs(), h + ": I/O", s.model());
                    data.addValue(s.handlerUs(), h + ": handler", s.model());
                }
            }
        }
        GroupedStackedBarRenderer renderer = new GroupedStackedBarRenderer();
        renderer.setSeriesToGroupMap(groups);
        renderer.setItemMargin(0.05);
        for (int i = 0; i < data.getRowCount(); i++) {
            String series = (String) data.getRowKey(i);
            String handling = series.substring(0, series.lastIndexOf(": "));
            boolean io = series.endsWith(": I/O");
            renderer.setSeriesPaint(i, io ? IO : handlerColour(handlings.indexOf(handling)));
            renderer.setSeriesVisibleInLegend(i, !io || i == 0);
        }
        renderer.setLegendItemLabelGenerator((dataset, series) -> {
            String key = (String) dataset.getRowKey(series);
            return key.endsWith(": I/O") ? "I/O (the model's echo case)" : key;
        });
        NumberAxis y = new NumberAxis("server CPU per request (µs)");
        y.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        CategoryAxis x = new CategoryAxis("model (bars: handlers in legend order)");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return chart(
                title,
                new CategoryPlot(data, x, y, renderer),
                "grey: the CPU the model's echo case spent per request (the I/O) · colour: what the handler added");
    }

    private static JFreeChart chart(String title, CategoryPlot plot, String subtitle) {
        plot.setRangeGridlinePaint(Charts.GRID);
        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle, Charts.SUBTITLE_FONT));
        Charts.style(chart, plot);
        return chart;
    }

    /** A distinct colour per handling, from a fixed ring. */
    private static Color handlerColour(int index) {
        Color[] ring = {
            new Color(0x1F, 0x77, 0xB4),
            new Color(0xFF, 0x7F, 0x0E),
            new Color(0x2C, 0xA0, 0x2C),
            new Color(0xD6, 0x27, 0x28),
            new Color(0x94, 0x67, 0xBD),
            new Color(0x8C, 0x56, 0x4B),
            new Color(0xE3, 0x77, 0xC2)
        };
        return ring[Math.floorMod(index, ring.length)];
    }
}
