package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.env.EnvironmentProbe;
import dev.sockbench.bench.env.Pinning;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.result.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    private static CliRun report(String... args) {
        return CliRun.of(SockbenchMain.commandLine(), args);
    }

    @Test
    void rendersARunFolderAgainAndPrintsTheReportsPath(@TempDir Path runDir) throws Exception {
        RunResult run = new RunResult(
                ResultFiles.FORMAT,
                runDir.getFileName().toString(),
                "quick",
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:01:00Z",
                EnvironmentProbe.system(runDir).capture(Pinning.unpinned("test")),
                List.of(new CaseEntry(
                        "01-nio-epoll-udp-closed",
                        "nio-epoll",
                        "udp",
                        "closed",
                        CaseStatus.SKIPPED,
                        false,
                        List.of("n/a: x"))));
        ResultFiles.writeJson(runDir.resolve("run.json"), run);

        CliRun cli = report("report", runDir.toString());

        Path index = runDir.resolve("report").resolve("index.html");
        assertThat(cli.exit()).isZero();
        assertThat(cli.out().strip()).isEqualTo(index.toString());
        assertThat(index).isRegularFile();
    }

    @Test
    void aFolderWithoutRunJsonIsBadInput(@TempDir Path dir) {
        CliRun cli = report("report", dir.toString());

        assertThat(cli.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(cli.err().lines())
                .singleElement()
                .asString()
                .startsWith("sockbench: ")
                .contains(dir.toString());
        assertThat(dir.resolve("report")).doesNotExist();
    }

    @Test
    void theRunFolderIsRequired() {
        CliRun cli = report("report");

        assertThat(cli.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(cli.err().lines()).singleElement().asString().contains("RUN-DIR");
    }

    @Test
    void damagedCasesAreMarkedUnreadableEachNamedOnStderrTheRestRenderedAndTheExitIsOne(@TempDir Path runDir)
            throws Exception {
        TestRuns.write(
                runDir,
                runDir.getFileName().toString(),
                List.of(
                        TestRuns.closed("01-nio-epoll-tcp-closed", "nio-epoll", "tcp", 50_000, 40, 120, 8),
                        TestRuns.closed("02-netty-epoll-et-tcp-closed", "netty-epoll-et", "tcp", 60_000, 35, 100, 7),
                        TestRuns.closed("03-nio-poll-tcp-closed", "nio-poll", "tcp", 40_000, 45, 150, 9),
                        TestRuns.closed("04-nio2-async-tcp-closed", "nio2-async", "tcp", 45_000, 42, 130, 8)));
        // A summary cut short, and one of a format this version does not know.
        Path cut = ResultFiles.caseDir(runDir, "01-nio-epoll-tcp-closed").resolve(ResultFiles.SUMMARY_FILE);
        Files.writeString(cut, Files.readString(cut).substring(0, 40));
        Path future =
                ResultFiles.caseDir(runDir, "02-netty-epoll-et-tcp-closed").resolve(ResultFiles.SUMMARY_FILE);
        Files.writeString(future, Files.readString(future).replaceFirst("\"format\" ?: ?2", "\"format\" : 99"));

        // An interval log cut inside its last line.
        Path log = ResultFiles.caseDir(runDir, "03-nio-poll-tcp-closed").resolve(ResultFiles.LATENCY_LOG_FILE);
        try (LatencyLog writer = LatencyLog.create(log, 1_768_471_200_000L)) {
            Histogram second = new Histogram(3);
            second.recordValueWithCount(45_000L, 1_000);
            second.setStartTimeStamp(1_768_471_200_000L);
            second.setEndTimeStamp(1_768_471_201_000L);
            writer.write(LatencyLog.CORRECTED, second);
            writer.write(LatencyLog.RAW, second);
        }
        Files.writeString(log, Files.readString(log).substring(0, (int) Files.size(log) - 20));

        CliRun cli = report("report", runDir.toString());

        assertThat(cli.exit()).isEqualTo(Cli.EXIT_INVALID);
        assertThat(cli.err().lines().toList())
                .hasSize(3)
                .anyMatch(l ->
                        l.startsWith("sockbench: unreadable case 03-nio-poll-tcp-closed: ") && l.contains("cut short"))
                .anyMatch(l -> l.startsWith("sockbench: unreadable case 01-nio-epoll-tcp-closed: "))
                .anyMatch(l -> l.startsWith("sockbench: unreadable case 02-netty-epoll-et-tcp-closed: ")
                        && l.contains("format 99"));
        String html = Files.readString(runDir.resolve("report").resolve("index.html"));
        assertThat(html).contains("unreadable").contains("id=\"latency-case-04-nio2-async-tcp-closed\"");
    }
}
