package dev.sockbench.bench.cli;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockbench report <run-dir>}: renders a run's report again (e.g. after an upgrade) and prints its path. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Renders the report of a finished (or interrupted) run again from its files.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN-DIR", description = "The run's folder, e.g. results/latest (it holds run.json).")
    Path runDir;

    @Spec
    CommandSpec spec;

    private final RunReporter reporter;

    public ReportCommand() {
        this(Wiring::renderReport);
    }

    ReportCommand(RunReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(runDir.resolve(ResultFiles.RUN_FILE))) {
            throw new BadInputException("'" + runDir + "' is not a run folder: it has no " + ResultFiles.RUN_FILE);
        }
        spec.commandLine().getOut().println(reporter.render(runDir));
        return Cli.EXIT_OK;
    }
}
