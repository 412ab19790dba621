package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.report.Reports;
import dev.sockbench.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {
    @TempDir
    Path results;

    @Test
    void theLatestJmhResultsBesideTheRunAreCopiedLinkedAndSummed() throws Exception {
        Path runDir = results.resolve("2026-01-15T10-00-00-test");
        SyntheticRun.write(runDir);
        Path older = results.resolve("jmh-2026-01-01T00-00-00").resolve("jmh.json");
        Files.createDirectories(older.getParent());
        Files.writeString(older, "[]");
        Path latest = results.resolve("jmh-2026-12-03T15-17-59").resolve("jmh.json");
        Files.createDirectories(latest.getParent());
        Files.write(latest, getClass().getResourceAsStream("/jmh/jmh.json").readAllBytes());
        Files.createDirectories(results.resolve("jmh-2026-12-31T00-00-00")); // no results in it

        String html = Files.readString(Reports.render(runDir));

        assertThat(runDir.resolve("report/jmh.json")).hasSameBinaryContentAs(latest);
        assertThat(html)
                .contains("<a href=\"#jmh\">JMH</a>")
                .contains("<code>jmh-2026-12-03T15-17-59</code>: <a href=\"jmh.json\">jmh.json</a>")
                .contains("<li>HandlerBenchmark.nettyPipeline · avgt · 255.9 ± 155 ns/op · 104 B/op allocated</li>")
                .contains("<li>ProtocolBenchmark.decodeFrame · avgt · 4.339 ± 24.86 ns/op · 0 B/op allocated</li>")
                .contains("<li>RoundTripBenchmark.roundTrip (model&#61;nio-epoll) · sample · 66.2 ± 13.92 us/op"
                        + " · median 18.88 us/op</li>");
    }

    @Test
    void withoutJmhResultsThereIsNoSectionAndNoCopy() throws Exception {
        Path runDir = results.resolve("run");
        SyntheticRun.write(runDir);
        Files.createDirectories(runDir.resolve("report"));
        Files.writeString(runDir.resolve("report/jmh.json"), "[]"); // left by an earlier render

        String html = Files.readString(Reports.render(runDir));

        assertThat(html).doesNotContain("id=\"jmh\"");
        assertThat(runDir.resolve("report/jmh.json")).doesNotExist();
    }
}
