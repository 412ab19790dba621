package dev.sockbench.report.chart;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;

/**
 * The first screen's small chart of one transport: the models in rank order, the best on top,
 * what each carried (capacity or rate) beside what a request cost the server's CPU.
 */
public final class AnswerChart {
    /** Small enough to sit beside the answer's tables. */
    public static final int WIDTH_PX = 640;

    public static final int HEIGHT_PX = 300;

    /**
     * One model.
     *
     * @param model the model id (colour and label)
     * @param value capacity or rate, req/s
     * @param cpuUsPerRequest the server's CPU per request, µs; 0 when not measured
     */
    public record Bar(String model, double value, double cpuUsPerRequest) {}

    private AnswerChart() {}

    static JFreeChart create(String title, String valueLabel, List<Bar> bars, Palette palette) {
        CategoryAxis models = new CategoryAxis(null);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(models);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setGap(16.0);
        plot.add(CostChart.panel(valueLabel, bars, Bar::model, Bar::value, palette, "#,##0"), 3);
        plot.add(CostChart.panel("CPU (µs/req)", bars, Bar::model, Bar::cpuUsPerRequest, palette, "#,##0.0"), 2);
        JFreeChart chart = new JFreeChart(title, Charts.SUBTITLE_FONT, plot, false);
        Charts.style(chart, plot);
        chart.getTitle().setFont(Charts.SUBTITLE_FONT);
        return chart;
    }
}
