package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.env.EnvironmentProbe;
import dev.sockbench.bench.env.Pinning;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import java.nio.file.Path;
import java.util.List;
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
}
