package dev.sockbench.bench.cli;

import dev.sockbench.core.cli.Cli;
import dev.sockbench.report.Reports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sockbench report <run-dir>}: renders a run's report again (e.g. after an upgrade) and
 * prints its path. A folder that is not a run is bad input (exit 2); a run with cases whose files
 * cannot be read (corrupt, or of a newer format) is rendered with those marked unreadable, named
 * on stderr, and exits 1.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Renders the report of a finished (or interrupted) run again from its files.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN-DIR", description = "The run's folder, e.g. results/latest (it holds run.json).")
    Path runDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        spec.commandLine().getOut().println(Reports.render(runDir));
        List<String> unreadable = Reports.unreadableCases(runDir);
        for (String c : unreadable) {
            spec.commandLine().getErr().println("sockbench: unreadable case " + c);
        }
        return unreadable.isEmpty() ? Cli.EXIT_OK : Cli.EXIT_INVALID;
    }
}
