package dev.sockbench.report.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.TestRuns;
import dev.sockbench.report.Reports;
import dev.sockbench.report.SyntheticRun;
import dev.sockbench.report.compare.CompareReport;
import dev.sockbench.report.compare.Comparison;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report and compare.html in a real browser (headless Chromium; {@code .ci/run} installs
 * Debian's {@code chromium}): every image loads, no script runs (a suite and a model named as a
 * script tag, a dialog would be seen), and at 1366×768 the answer table is on the first screen. The
 * run is kept under {@code target/browser-run/} with its screenshots ({@code
 * report/screenshot-1366x768.png}, {@code compare/screenshot-1366x768.png}) for people to look at.
 */
class ReportInBrowserIT {
    private static final int WIDTH = 1366;
    private static final int HEIGHT = 768;
    private static final String SCRIPT_SUITE = "<script>alert(1)</script>";

    static Path runDir = Path.of("target", "browser-run").toAbsolutePath();
    static Path chromium;

    @BeforeAll
    static void render() throws Exception {
        chromium = Chromium.find();
        Assumptions.assumeTrue(
                chromium != null, "no chromium on PATH: the browser test is skipped (.ci/run installs it)");
        if (Files.exists(runDir)) {
            try (var walk = Files.walk(runDir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        SyntheticRun.write(runDir);
        Path run = runDir.resolve(ResultFiles.RUN_FILE);
        Files.writeString(
                run, Files.readString(run).replace("\"suite\" : \"test\"", "\"suite\" : \"" + SCRIPT_SUITE + "\""));
        Reports.render(runDir);
    }

    @Test
    void theReportShowsTheAnswerOnTheFirstScreenWithEveryImageAndNoScript(@TempDir Path profile) throws Exception {
        try (Chromium browser = new Chromium(chromium, profile, WIDTH, HEIGHT)) {
            browser.open(Reports.indexFile(runDir));

            assertEveryImageLoadedAndNoScript(browser);
            assertThat(browser.evaluate("document.querySelector('h1').textContent")
                            .asText())
                    .contains(runDir.getFileName().toString().isEmpty() ? "" : "sockbench run");
            assertThat(browser.evaluate("document.body.textContent.includes('" + SCRIPT_SUITE + "')")
                            .asBoolean())
                    .as("the suite's name shows as text")
                    .isTrue();
            double bottom = browser.evaluate("document.querySelector('table.answer').getBoundingClientRect().bottom")
                    .asDouble();
            assertThat(bottom)
                    .as("the answer table ends within the first screen")
                    .isPositive()
                    .isLessThanOrEqualTo(HEIGHT);
            assertThat(browser.evaluate("document.querySelector('tr.best td:nth-child(2)').textContent")
                            .asText())
                    .isEqualTo("nio-epoll");
            browser.screenshot(runDir.resolve("report").resolve("screenshot-1366x768.png"));
        }
    }

    @Test
    void comparePageShowsEveryImageAndNoScript(@TempDir Path profile) throws Exception {
        Path worse = runDir.resolveSibling("browser-run-worse");
        if (!Files.exists(worse)) {
            TestRuns.regressed(runDir, worse, 3.0, 3.0);
        }
        Path page = CompareReport.write(Comparison.of(runDir, worse, 0.10), runDir.resolve("compare"));
        try (Chromium browser = new Chromium(chromium, profile, WIDTH, HEIGHT)) {
            browser.open(page);

            assertEveryImageLoadedAndNoScript(browser);
            assertThat(browser.evaluate("document.querySelector('.verdict').textContent")
                            .asText())
                    .contains("regressed beyond 10%");
            browser.screenshot(runDir.resolve("compare").resolve("screenshot-1366x768.png"));
        }
    }

    private static void assertEveryImageLoadedAndNoScript(Chromium browser) throws Exception {
        int images = browser.evaluate("document.images.length").asInt();
        assertThat(images).isPositive();
        assertThat(browser.evaluate(
                                "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
                        .toString())
                .as("images that did not load")
                .isEqualTo("[]");
        assertThat(browser.evaluate("document.scripts.length").asInt()).isZero();
        assertThat(browser.scriptEvents()).as("dialogs and console messages").isEmpty();
    }
}
