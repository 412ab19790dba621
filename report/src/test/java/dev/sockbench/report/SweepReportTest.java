package dev.sockbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReportTest {
    @TempDir
    static Path runDir;

    private static String html;

    @BeforeAll
    static void render() throws Exception {
        SweepRun.write(runDir);
        html = Files.readString(Reports.render(runDir));
    }

    @Test
    void capacityTableListsTheMostCapableFirstAndTheInvalidSweepLast() {
        String capacity = section("<h2 id=\"capacity\">Capacity</h2>", "<h2 id=\"latency\">");
        assertThat(capacity).contains("capacity (req/s) within p99&#61;1ms");
        int epoll = capacity.indexOf("<td>nio-epoll</td>");
        int platform = capacity.indexOf("<td>blocking-platform</td>");
        int virtual = capacity.indexOf("<td>blocking-virtual</td>");
        assertThat(epoll).isPositive().isLessThan(platform);
        assertThat(platform).isLessThan(virtual);
        // nio-epoll: capacity 20,000, p99 there 300 µs (p50 75, p99.9 600), 2 of 3 steps good
        assertThat(capacity.substring(epoll, platform))
                .contains(">20,000<", ">75.0<", ">300.0<", ">600.0<", ">2 of 3<");
        assertThat(capacity.substring(platform, virtual)).contains(">10,000<", ">1 of 2<");
        assertThat(capacity.substring(virtual))
                .contains(">INVALID<", ">&lt; 10,000<", ">0 of 1<") // no capacity: below the lowest step tried
                .contains("INVALID, do not use this capacity: " + escaped(SweepRun.NO_GOOD_STEP));
    }

    @Test
    void sweepsAreOneGroupWhateverRateTheirCapacityFellAt() {
        assertThat(html).contains("tcp · sweep · SLO p99&#61;1ms · constant arrivals · 4 connections · 64 B payload");
        assertThat(html).doesNotContain("req/s target · constant"); // no target rate in a sweep's group
    }

    @Test
    void sweepCurveAndCapacityLatencyAreCharted() throws Exception {
        Path report = runDir.resolve("report");
        for (String png : new String[] {
            "sweep-01-tcp-sweep-p99_1ms-constant-c4-64b-length.png",
            "latency-01-tcp-sweep-p99_1ms-constant-c4-64b-length.png"
        }) {
            BufferedImage image = ImageIO.read(report.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(960);
            assertThat(html).contains("src=\"" + png + "\"");
        }
        assertThat(html)
                .contains("blocking-virtual (sweep-blocking-virtual): INVALID, " + escaped(SweepRun.NO_GOOD_STEP));
    }

    @Test
    void datagramAndGeneratorColumnsAppearWhenACaseHasThem() {
        String udpRow = html.substring(html.indexOf("id=\"latency-case-udp-nio-epoll\""));
        udpRow = udpRow.substring(0, udpRow.indexOf("</tr>"));
        assertThat(html)
                .contains("grouphead\">datagrams (requests)<", ">lost<", ">reordered<", "grouphead\">load generator<");
        assertThat(udpRow).contains("title=\"sent 1000, received 993, lost 7\">7<");
        assertThat(html).contains("poisson arrivals");
    }

    @Test
    void aRunInProgressAndTheRunnersPinningNoteAreShown() {
        assertThat(html)
                .contains("<b>not finished</b> (in progress, or interrupted)")
                .contains(SweepRun.PINNING_NOTE);
    }

    /** As the page shows text: mustache escapes {@code =} too. */
    private static String escaped(String text) {
        return text.replace("=", "&#61;");
    }

    private static String section(String from, String to) {
        int start = html.indexOf(from);
        assertThat(start).as(from).isPositive();
        return html.substring(start, html.indexOf(to, start));
    }
}
