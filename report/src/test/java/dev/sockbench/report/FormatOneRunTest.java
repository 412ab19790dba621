package dev.sockbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run written in result format 1 ({@code src/test/resources/format-1-run/}: flat summaries, the
 * kernel's counters inside the server block) still renders, and renders exactly as the same run
 * rewritten in the current format.
 */
class FormatOneRunTest {

    @Test
    void anOldRunRendersWithEveryNumberInItsColumn(@TempDir Path dir) throws Exception {
        Path runDir = copyOfTheOldRun(dir.resolve("old"));

        Reports.render(runDir);

        List<String> csv = Files.readAllLines(runDir.resolve("report/cases.csv"));
        assertThat(columns(
                        csv,
                        "nio-epoll-tcp-open-r10000",
                        "correctedP99Us",
                        "targetRatePerSec",
                        "connections",
                        "errors",
                        "serverCpuUsPerRequest"))
                .containsExactly("120.319", "10000.0", "8", "10", "24.16");
        assertThat(columns(
                        csv,
                        "nio-epoll-udp-sweep",
                        "sweepCapacityPerSec",
                        "udpLost",
                        "kernelUdpRcvbufErrors",
                        "serverGcPauses",
                        "generatorSendLagP99Us"))
                .as("the kernel's counters were inside the server block in format 1")
                .containsExactly("40000.0", "8", "12", "2", "20.5");
        assertThat(Files.readString(runDir.resolve("report/index.html")))
                .contains("2026-01-15T10-00-00-quick")
                .doesNotContain("cannot read");
    }

    @Test
    void anOldRunRendersAsItsRewriteInTheCurrentFormat(@TempDir Path dir) throws Exception {
        Path oldRun = copyOfTheOldRun(dir.resolve("old"));
        Path newRun = copyOfTheOldRun(dir.resolve("new"));
        RunResult run = ResultFiles.readRun(newRun);
        ResultFiles.writeJson(
                newRun.resolve(ResultFiles.RUN_FILE),
                new RunResult(
                        ResultFiles.FORMAT,
                        run.runId(),
                        run.suite(),
                        run.startedAt(),
                        run.finishedAt(),
                        run.environment(),
                        run.cases()));
        for (RunResult.CaseEntry entry : run.cases()) {
            Path summary = ResultFiles.caseDir(newRun, entry.caseId()).resolve(ResultFiles.SUMMARY_FILE);
            if (Files.exists(summary)) {
                ResultFiles.writeJson(summary, ResultFiles.readSummary(summary));
            }
        }
        assertThat(Files.readString(
                        ResultFiles.caseDir(newRun, "nio-epoll-udp-sweep").resolve(ResultFiles.SUMMARY_FILE)))
                .contains("\"format\" : " + ResultFiles.FORMAT)
                .contains("\"load\" : {");

        Reports.render(oldRun);
        Reports.render(newRun);

        for (String file : List.of("cases.csv", "cases.json", "index.html")) {
            assertThat(Files.readString(oldRun.resolve("report").resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readString(newRun.resolve("report").resolve(file)));
        }
    }

    /** The values of {@code keys} in the CSV row of {@code caseId} (no quoted commas in these rows). */
    private static List<String> columns(List<String> csv, String caseId, String... keys) {
        List<String> header = Arrays.asList(csv.getFirst().split(",", -1));
        List<String> row = Arrays.asList(csv.stream()
                .filter(line -> line.startsWith(caseId + ","))
                .findFirst()
                .orElseThrow()
                .split(",", -1));
        return Arrays.stream(keys).map(key -> row.get(header.indexOf(key))).toList();
    }

    private static Path copyOfTheOldRun(Path to) throws Exception {
        Path from = Path.of(FormatOneRunTest.class.getResource("/format-1-run").toURI());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
