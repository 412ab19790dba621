package dev.sockbench.bench.cli;

import dev.sockbench.core.cli.Cli;
import dev.sockbench.report.compare.CompareReport;
import dev.sockbench.report.compare.Comparison;
import dev.sockbench.report.compare.DeltaTable;
import dev.sockbench.report.junit.JUnitReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sockbench compare BASELINE CURRENT}: the regression gate. Matches the two runs' cases by
 * model and load, prints the change of each metric, writes {@code compare.html} with both runs'
 * latency curves per case, and exits 1 when a metric got worse beyond the threshold (latency and
 * cost up, rate and capacity down; with trials on both sides, only when also significant), 0
 * otherwise, 2 on bad input. Cases in one run only are listed, not failed.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares a run against a baseline run and exits 1 on a regression beyond the threshold:",
            "latency (corrected p50, p99, p99.9) or server CPU per request up, rate or capacity down.",
            "Cases are matched by model and load; cases in one run only are listed, not failed."
        })
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE", description = "The baseline run's folder (it holds run.json).")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "The run under test, e.g. results/latest.")
    Path current;

    @Option(
            names = {"--threshold"},
            paramLabel = "PERCENT",
            defaultValue = "10%",
            description = "How much worse a metric may get before it is a regression (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Option(
            names = {"--out"},
            paramLabel = "DIR",
            description = "Where compare.html and its charts go (default: CURRENT/compare).")
    Path out;

    @Option(
            names = {"--junit"},
            paramLabel = "FILE",
            description = "Also write JUnit XML: one test case per case, failed when it regressed.")
    Path junit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Comparison comparison = Comparison.of(baseline, current, Comparison.parseThreshold(threshold));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(DeltaTable.of(comparison));
        if (junit != null) {
            JUnitReports.ofComparison(comparison).write(junit);
        }
        stdout.println(CompareReport.write(comparison, out != null ? out : current.resolve("compare")));
        stdout.flush();
        return comparison.regressed() ? Cli.EXIT_INVALID : Cli.EXIT_OK;
    }
}
