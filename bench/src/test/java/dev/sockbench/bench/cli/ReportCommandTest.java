package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private final List<Path> rendered = new ArrayList<>();

    private CliRun report(String... args) {
        ReportCommand command = new ReportCommand(runDir -> {
            rendered.add(runDir);
            return runDir.resolve("report/index.html");
        });
        return CliRun.of(Cli.commandLine(command), args);
    }

    @Test
    void rendersARunFolderAndPrintsTheReportsPath(@TempDir Path runDir) throws Exception {
        Files.writeString(runDir.resolve("run.json"), "{\"format\": 1}");

        CliRun run = report(runDir.toString());

        assertThat(run.exit()).isZero();
        assertThat(rendered).containsExactly(runDir);
        assertThat(run.out().strip())
                .isEqualTo(runDir.resolve("report/index.html").toString());
    }

    @Test
    void aFolderWithoutRunJsonIsBadInput(@TempDir Path dir) {
        CliRun run = report(dir.toString());

        assertThat(run.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(run.err().lines())
                .containsExactly("sockbench: '" + dir + "' is not a run folder: it has no run.json");
        assertThat(rendered).isEmpty();
    }

    @Test
    void theRunFolderIsRequired() {
        CliRun run = report();

        assertThat(run.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(run.err().lines()).singleElement().asString().contains("RUN-DIR");
    }
}
