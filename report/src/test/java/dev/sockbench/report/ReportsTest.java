package dev.sockbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.result.ResultFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders one synthetic run once (charts take a moment); the tests read what it wrote. */
class ReportsTest {
    @TempDir
    static Path runDir;

    private static String html;

    @BeforeAll
    static void render() throws Exception {
        SyntheticRun.write(runDir);
        Path index = Reports.render(runDir);
        assertThat(index).isEqualTo(runDir.resolve("report/index.html"));
        html = Files.readString(index);
    }

    @Test
    void tableShowsTheKnownNumbersOfEachCase() {
        // 1,000 × 100 µs: HdrHistogram reports the top of 100,000 ns's bucket, 100,031 ns
        assertThat(html).contains("tcp · closed · 8 connections · 64 B payload · length framing");
        assertThat(row("closed-nio-epoll"))
                .contains(">nio-epoll<")
                .contains(">1,000<") // achieved req/s
                .contains(">100.0<")
                .contains(">valid<");
        assertThat(row("cost", "closed-nio-epoll"))
                .contains(">8.25<") // server CPU µs/request
                .contains(">1.52<") // context switches per request
                .contains(">12<") // threads
                .contains(">50.0<") // RSS MiB
                .contains(">16.0<") // RSS KiB per connection
                .contains(">valid<");
        assertThat(row("closed-blocking-platform")).contains(">200.1<");
        assertThat(row("cost", "closed-blocking-platform")).contains(">12.50<");

        // open loop: the 10 stalled requests (5 ms) are the top 1%: the corrected max shows the
        // stall, raw shows 200 µs; 1,000 requests measure no p99.9 (no case here has one, so the
        // table has no p99.9 column)
        String open = row("open-nio-epoll");
        assertThat(open).contains(">10,000<").contains(">9,999<");
        assertThat(cells(open))
                .containsSubsequence("100.0", "100.0", "100.0", "5,001") // corrected p50, p90, p99, max
                .containsSubsequence("100.0", "100.0", "100.0", "200.1"); // raw p50, p90, p99, max
        assertThat(html).doesNotContain("p99.9</th>");
    }

    @Test
    void invalidCaseIsMarkedInvalidWithItsReasons() {
        String row = row("open-blocking-virtual");
        assertThat(row).startsWith("<tr class=\"invalid\"").contains(">INVALID<");
        assertThat(row).contains("title=\"connect 0, read 3, write 0, timeout 2, verify 0\">5<");
        assertThat(html).contains("INVALID, do not use these numbers: " + SyntheticRun.SHORT_RATE_REASON);
        assertThat(html).contains("generator CPU saturated &lt;b&gt;99%&lt;/b&gt;");
        assertThat(html).doesNotContain("<b>99%</b>");
        assertThat(html)
                .as("named as left out of the charts")
                .contains("blocking-virtual (open-blocking-virtual): INVALID, " + SyntheticRun.SHORT_RATE_REASON);
        assertThat(html).contains("1 INVALID");
    }

    @Test
    void skippedAndFailedCasesAreListedWithTheirReasons() {
        assertThat(html).contains("<h2 id=\"notmeasured\">Not measured</h2>");
        assertThat(html).contains(SyntheticRun.SKIP_REASON).contains(SyntheticRun.FAIL_REASON);
        assertThat(html).contains("7 cases: 4 valid, 1 INVALID, 1 skipped, 1 failed");
    }

    @Test
    void textFromTheFilesIsEscaped() {
        assertThat(html).doesNotContain("<script>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void theFirstScreenRanksTheModelsOfEachTransportTheBestMarked() {
        int start = html.indexOf("<h2 id=\"answer\">");
        String answer = html.substring(start, html.indexOf("<h2", start + 1));
        assertThat(answer).contains("<h3>tcp</h3>", "ranked by rate, then p99");
        // equal rates (1,000 req/s): the lower p99 first; the open group's one case does not answer
        assertThat(answer)
                .containsSubsequence(
                        "<tr class=\"best\"><td class=\"rank\">1</td><td>nio-epoll</td><td class=\"num\">1,000</td><td class=\"num\">100.0</td><td class=\"num\">8.25</td>",
                        "<td class=\"rank\">2</td><td>&lt;script&gt;",
                        "<td class=\"rank\">3</td><td>blocking-platform</td>");
        assertThat(answer).contains("src=\"answer-01-tcp-closed-c8-64b-length.png\"");
        assertThat(html.indexOf("<h2 id=\"howto\">"))
                .as("how to read this comes after the detail, linked from the top")
                .isGreaterThan(html.indexOf("<h2 id=\"environment\">"));
        assertThat(html).contains("<a href=\"#howto\">");
    }

    @Test
    void aSuiteAndACaseNamedAsAScriptRenderAsText(@TempDir Path otherRun) throws Exception {
        SyntheticRun.write(otherRun);
        Path run = otherRun.resolve(ResultFiles.RUN_FILE);
        Files.writeString(
                run,
                Files.readString(run).replace("\"suite\" : \"test\"", "\"suite\" : \"<script>alert(1)</script>\""));

        String page = Files.readString(Reports.render(otherRun));

        assertThat(page).doesNotContain("<script").contains("suite <b>&lt;script&gt;alert(1)&lt;/script&gt;</b>");
    }

    @Test
    void headerAndEnvironmentAreShown() {
        assertThat(html)
                .contains("sockbench run 2026-01-15T10-00-00-test")
                .contains("Eclipse Adoptium 25+36-LTS")
                .contains("--enable-native-access&#61;ALL-UNNAMED") // mustache escapes "="
                .contains("6.18.0-test")
                .contains("Test CPU @ 3.0GHz")
                .contains("loadgen on CPUs 1; server on CPUs 0")
                .contains("feedc0de")
                .contains("started 2026-01-15 10:00:00 UTC · finished 2026-01-15 10:01:00 UTC")
                .contains("How to read this report")
                .contains("corrected latency (µs)")
                .contains("raw latency (µs)");
    }

    @Test
    void columnsNoCaseHasAValueForAreLeftOut() {
        assertThat(html).contains("grouphead\">server cost<", ">CPU (µs/req)<");
        assertThat(html)
                .doesNotContain("grouphead\">datagrams (requests)<")
                .doesNotContain(">capacity (req/s)<")
                .doesNotContain(">throughput (MiB/s)<")
                .doesNotContain("grouphead\">load generator<")
                .doesNotContain("<h2>Capacity</h2>");
    }

    @Test
    void chartsArePngFilesLinkedFromThePage() throws Exception {
        List<Path> pngs = pngs();
        assertThat(pngs)
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(
                        "latency-01-tcp-closed-c8-64b-length.png",
                        "cost-01-tcp-closed-c8-64b-length.png",
                        "latency-02-tcp-open-r10000-c8-64b-length.png",
                        "cost-02-tcp-open-r10000-c8-64b-length.png",
                        "answer-01-tcp-closed-c8-64b-length.png");
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            boolean small = png.getFileName().toString().startsWith("answer-");
            assertThat(image.getWidth()).isEqualTo(small ? 640 : 960);
            assertThat(image.getHeight()).isEqualTo(small ? 300 : 540);
            assertThat(html).contains("src=\"" + png.getFileName() + "\"");
        }
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void exportsSitBesideThePageWithEveryCase() throws Exception {
        assertThat(Files.readAllLines(runDir.resolve("report/cases.csv")))
                .as("a header and the 7 cases")
                .hasSize(8);
        assertThat(ResultFiles.mapper()
                        .readTree(runDir.resolve("report/cases.json").toFile())
                        .get("cases"))
                .extracting(c -> c.get("caseId").asText())
                .containsExactly(
                        "closed-blocking-platform",
                        "closed-nio-epoll",
                        "closed-script",
                        "open-nio-epoll",
                        "open-blocking-virtual",
                        "iouring-unix",
                        "poll-tcp");
    }

    @Test
    void everyFileIsWholeAndNoTemporaryFileIsLeft() throws Exception {
        try (Stream<Path> files = Files.list(runDir.resolve("report"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
        assertThat(html).endsWith("</html>\n");
    }

    @Test
    void reRenderingRemovesChartsThePageNoLongerLinks() throws Exception {
        Path stale = runDir.resolve("report/latency-99-old.png");
        Files.write(stale, new byte[] {1});

        Reports.render(runDir);

        assertThat(stale).doesNotExist();
        assertThat(pngs()).hasSize(5);
    }

    @Test
    void aFolderWithoutRunJsonIsBadInput(@TempDir Path empty) {
        assertThatThrownBy(() -> Reports.render(empty))
                .isInstanceOf(BadInputException.class)
                .hasMessage("not a sockbench run folder: " + empty + " has no run.json");
    }

    @Test
    void aNewerFormatIsBadInputNamingTheFormat(@TempDir Path otherRun) throws Exception {
        SyntheticRun.write(otherRun);
        Path run = otherRun.resolve(ResultFiles.RUN_FILE);
        int newer = ResultFiles.FORMAT + 1;
        Files.writeString(
                run, Files.readString(run).replace("\"format\" : " + ResultFiles.FORMAT, "\"format\" : " + newer));

        assertThatThrownBy(() -> Reports.render(otherRun))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("format " + newer);
    }

    private static List<Path> pngs() throws Exception {
        try (Stream<Path> files = Files.list(runDir.resolve("report"))) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    /** The row of one case in the latency view, from its {@code <tr>} to its {@code </tr>}. */
    private static String row(String caseId) {
        return row("latency", caseId);
    }

    /** The row of one case in a view of the detail. */
    private static String row(String view, String caseId) {
        int id = html.indexOf("id=\"" + view + "-case-" + caseId + "\"");
        assertThat(id).as("row of " + caseId).isPositive();
        int start = html.lastIndexOf("<tr", id);
        return html.substring(start, html.indexOf("</tr>", id) + 5);
    }

    /** The text of each cell of a row. */
    private static List<String> cells(String row) {
        return Stream.of(row.split("<td"))
                .skip(1)
                .map(cell -> cell.substring(cell.indexOf('>') + 1, cell.indexOf("</td>")))
                .toList();
    }
}
