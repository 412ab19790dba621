package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.TestRuns;
import dev.sockbench.report.Reports;
import dev.sockbench.report.chart.AnswerChart;
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.Palette;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose cases ran three trials each, beside the native reference: the first screen ties
 * models whose intervals overlap, shows each interval, and sets each model beside native-epoll.
 *
 * <pre>
 * tcp · closed: native-epoll 10,000 ± 5%, nio-epoll 9,800 ± 5% (overlaps: a tie), blocking-platform 5,000 ± 5%
 * </pre>
 */
class TrialsAndNativeTest {
    @TempDir
    static Path runDir;

    private static String html;

    @BeforeAll
    static void render() throws Exception {
        TestRuns.write(
                runDir,
                "trials",
                List.of(
                        TestRuns.withTrials(
                                TestRuns.closed("native", "native-epoll", "tcp", 10_000, 40, 80, 4), 3, 0.05),
                        TestRuns.withTrials(TestRuns.closed("nio", "nio-epoll", "tcp", 9_800, 45, 90, 6), 3, 0.05),
                        TestRuns.withTrials(
                                TestRuns.closed("platform", "blocking-platform", "tcp", 5_000, 90, 200, 12), 3, 0.05)));
        html = Files.readString(Reports.render(runDir));
    }

    @Test
    void overlappingIntervalsShareARankAndEachIntervalIsShown() {
        String answer = html.substring(html.indexOf("<h2 id=\"answer\">"), html.indexOf("<h2 id=\"latency\">"));
        assertThat(answer)
                .containsSubsequence(
                        "<td class=\"rank\">1</td><td>native-epoll</td><td class=\"num\" title=\"median of 3 trials, 95% interval 9,500–10,500\">10,000</td><td class=\"num\">100</td>",
                        "<td class=\"rank\">&#61;1</td><td>nio-epoll</td>",
                        "<td class=\"num\">98</td>",
                        "<td class=\"rank\">3</td><td>blocking-platform</td>",
                        "<td class=\"num\">50</td>");
        assertThat(answer).contains(">% of native</th>").contains("whiskers: 95% interval over the trials");
        assertThat(answer)
                .as("a tie at the top is a best too")
                .containsSubsequence(
                        "<tr class=\"best\"><td class=\"rank\">1</td>",
                        "<tr class=\"best\"><td class=\"rank\">&#61;1</td>");
    }

    @Test
    void theShareOfNativeIsInTheViewsAndTheExports() throws Exception {
        assertThat(html).contains(">% of native</th>");
        JsonNode cases = ResultFiles.mapper()
                .readTree(runDir.resolve("report/cases.json").toFile())
                .get("cases");
        assertThat(cases.get(0).get("ofNativePercent").asDouble()).isEqualTo(100.0);
        assertThat(cases.get(1).get("ofNativePercent").asDouble()).isEqualTo(98.0);
        assertThat(cases.get(2).get("ofNativePercent").asDouble()).isEqualTo(50.0);
        assertThat(Files.readString(runDir.resolve("report/cases.csv"))).contains(",ofNativePercent,");
    }

    @Test
    void theAnswerChartDrawsAWhiskerOverEachInterval(@TempDir Path dir) throws Exception {
        // b, the larger bar, sets the axis alike in both: the charts differ by the whisker alone.
        Palette palette = Palette.of(List.of("a", "b"));
        Path with = dir.resolve("with.png");
        Path without = dir.resolve("without.png");
        Charts.writePng(
                Charts.answer(
                        "tcp",
                        "rate",
                        List.of(new AnswerChart.Bar("a", 100, 1, 60.0, 140.0), new AnswerChart.Bar("b", 200, 1)),
                        palette),
                with,
                AnswerChart.WIDTH_PX,
                AnswerChart.HEIGHT_PX);
        Charts.writePng(
                Charts.answer(
                        "tcp",
                        "rate",
                        List.of(new AnswerChart.Bar("a", 100, 1), new AnswerChart.Bar("b", 200, 1)),
                        palette),
                without,
                AnswerChart.WIDTH_PX,
                AnswerChart.HEIGHT_PX);

        assertThat(differingPixels(ImageIO.read(with.toFile()), ImageIO.read(without.toFile())))
                .isGreaterThan(100);
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }
}
