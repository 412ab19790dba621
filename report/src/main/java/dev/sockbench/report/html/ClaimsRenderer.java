package dev.sockbench.report.html;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.report.ReportRenderer;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.chart.AnswerChart;
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.Palette;
import dev.sockbench.report.claims.ClaimResult;
import dev.sockbench.report.claims.Claims;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * The claims page, {@code report/claims.html} beside index.html (which links to it): each claim
 * of {@link Claims} with the verdict this run gives it, the finding with its numbers, the evidence
 * table and its chart ({@code claim-<id>.png}), and the machine it was measured on. Written only
 * when some claim has evidence; an old page is removed otherwise. The {@code claims.mustache}
 * template HTML-escapes every value.
 */
public final class ClaimsRenderer implements ReportRenderer {
    public static final String FILE = "claims.html";

    private static final Mustache TEMPLATE =
            new DefaultMustacheFactory("dev/sockbench/report/html").compile("claims.mustache");

    /** What the template shows. */
    record ClaimsPage(
            String runId, String suite, String startedAt, List<Page.NameValue> machine, List<ClaimView> claims) {}

    record ClaimView(
            String id,
            String title,
            String claim,
            String verdict,
            String verdictClass,
            String finding,
            List<String> headers,
            List<Row> rows,
            Page.Image chart) {
        boolean anyRows() {
            return !rows.isEmpty();
        }
    }

    record Row(List<String> cells) {}

    @Override
    public void render(RunResult run, Path runDir) throws IOException {
        Path reportDir = runDir.resolve(ResultFiles.REPORT_DIR);
        Path page = reportDir.resolve(FILE);
        List<ClaimResult> claims = Claims.evaluate(ReportCase.loadAll(run, runDir));
        if (!Claims.any(claims)) {
            Files.deleteIfExists(page);
            return;
        }
        Files.createDirectories(reportDir);
        List<ClaimView> views = new ArrayList<>();
        for (ClaimResult c : claims) {
            Page.Image chart = null;
            if (c.chart() != null) {
                String file = "claim-" + c.id() + ".png";
                Charts.writePng(chart(c.chart()), reportDir.resolve(file));
                chart = new Page.Image(file, c.chart().title());
            }
            views.add(new ClaimView(
                    c.id(),
                    c.title(),
                    c.claim(),
                    c.verdict().text(),
                    c.verdict().cssClass(),
                    c.finding(),
                    c.headers(),
                    c.rows().stream().map(Row::new).toList(),
                    chart));
        }
        ClaimsPage model = new ClaimsPage(
                run.runId(),
                run.suite(),
                HtmlReportRenderer.time(run.startedAt()),
                HtmlReportRenderer.environment(run.environment()),
                views);
        StringWriter html = new StringWriter();
        TEMPLATE.execute(html, model).flush();
        ResultFiles.writeAtomically(page, html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JFreeChart chart(ClaimResult.Chart chart) {
        return switch (chart) {
            case ClaimResult.Lines l ->
                Charts.scaling(
                        l.title(),
                        l.axis(),
                        l.lines(),
                        Palette.of(l.lines().stream().map(line -> line.model()).toList()));
            case ClaimResult.Bars b ->
                Charts.answer(
                        b.title(),
                        b.valueLabel(),
                        b.bars(),
                        Palette.of(b.bars().stream().map(AnswerChart.Bar::model).toList()));
            case ClaimResult.Stacked s -> Charts.stacked(s.title(), s.valueLabel(), s.parts());
        };
    }
}
