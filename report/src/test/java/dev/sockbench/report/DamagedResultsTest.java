package dev.sockbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.ResultFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose files were damaged after it was written (a copy cut short, an edit, a newer
 * sockbench): each damaged case is marked unreadable with one line saying why, and the rest of the
 * run renders as before.
 */
class DamagedResultsTest {

    @Test
    void aCutLogACorruptSummaryAndANewerFormatEachMakeTheirCaseUnreadableAndTheRestRenders(@TempDir Path runDir)
            throws Exception {
        SyntheticRun.write(runDir);
        // latency.hlog cut inside its last line (the last interval's histogram half there)
        Path log = caseFile(runDir, "closed-blocking-platform", ResultFiles.LATENCY_LOG_FILE);
        byte[] whole = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(whole, whole.length - 40));
        // summary.json cut short, as by a full disk on a copy
        Path cut = caseFile(runDir, "closed-nio-epoll", ResultFiles.SUMMARY_FILE);
        Files.writeString(cut, Files.readString(cut).substring(0, 60));
        // summary.json of a format this version does not know
        Path future = caseFile(runDir, "open-nio-epoll", ResultFiles.SUMMARY_FILE);
        Files.writeString(future, Files.readString(future).replaceFirst("\"format\" ?: ?2", "\"format\" : 99"));

        List<String> unreadable = Reports.unreadableCases(runDir);
        String html = Files.readString(Reports.render(runDir));

        assertThat(unreadable)
                .hasSize(3)
                .allMatch(l -> l.lines().count() == 1)
                .anyMatch(l -> l.startsWith("closed-blocking-platform: ") && l.contains("latency.hlog is cut short"))
                .anyMatch(l -> l.startsWith("closed-nio-epoll: ") && l.contains("summary.json"))
                .anyMatch(l -> l.startsWith("open-nio-epoll: ") && l.contains("format 99"));
        for (String id : List.of("closed-blocking-platform", "closed-nio-epoll", "open-nio-epoll")) {
            assertThat(notMeasuredRow(html, id)).as(id).contains(">unreadable<");
        }
        // the rest: the valid and the invalid case with their numbers, the group's percentile chart
        assertThat(html)
                .contains("id=\"latency-case-closed-script\"")
                .contains("id=\"latency-case-open-blocking-virtual\"");
        try (var pngs = Files.list(runDir.resolve(ResultFiles.REPORT_DIR))) {
            assertThat(pngs.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".png"));
        }
    }

    @Test
    void aLogMissingOnlyItsLastLineEndIsCutShortToo(@TempDir Path runDir) throws Exception {
        SyntheticRun.write(runDir);
        // HdrHistogram's reader, alone, throws an unchecked "No line found" on this one
        Path log = caseFile(runDir, "closed-nio-epoll", ResultFiles.LATENCY_LOG_FILE);
        byte[] whole = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(whole, whole.length - 1));

        assertThat(Reports.unreadableCases(runDir))
                .singleElement()
                .asString()
                .startsWith("closed-nio-epoll: ")
                .contains("cut short");
    }

    private static Path caseFile(Path runDir, String caseId, String file) {
        return ResultFiles.caseDir(runDir, caseId).resolve(file);
    }

    /** The row of a case listed without numbers. */
    private static String notMeasuredRow(String html, String caseId) {
        int at = html.indexOf(">" + caseId + "<");
        assertThat(at).as("a row naming " + caseId).isPositive();
        return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at) + 5);
    }
}
