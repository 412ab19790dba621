package dev.sockbench.bench.cli;

import dev.sockbench.bench.env.EnvironmentProbe;
import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.process.JavaCommand;
import dev.sockbench.bench.runner.CaseRunner;
import dev.sockbench.bench.runner.SuiteRunner;
import dev.sockbench.bench.suite.ModelCatalog;
import dev.sockbench.bench.suite.ServerModelsCatalog;
import dev.sockbench.bench.suite.Suite;
import dev.sockbench.bench.suite.SuiteLoader;
import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sockbench run}: runs a suite and writes {@code <out>/<run-id>/} with {@code run.json},
 * the cases' files and the report, points {@code <out>/latest} at it, and prints the report's
 * path last. Exit 0 when every measured case is valid, 1 when one is invalid or failed (or
 * nothing could be measured), 2 on bad input.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs a suite: each case as a server process and a load generator process, then the report.")
public final class RunCommand implements Callable<Integer> {
    static final String LATEST = "latest";

    @Option(
            names = {"--suite"},
            paramLabel = "SUITE",
            defaultValue = "quick",
            description =
                    "The suite to run: smoke, quick, or the path of a suite .yaml file (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(
            names = {"--out"},
            paramLabel = "DIR",
            description = "The folder the run's folder is created in (default: results/ of the sockbench checkout).")
    Path out;

    @Spec
    CommandSpec spec;

    private final Supplier<ModelCatalog> catalog;
    private final RunReporter reporter;

    public RunCommand() {
        this(ServerModelsCatalog::new, Reports::render);
    }

    RunCommand(Supplier<ModelCatalog> catalog, RunReporter reporter) {
        this.catalog = catalog;
        this.reporter = reporter;
    }

    @Override
    public Integer call() throws IOException {
        Suite expanded = new SuiteLoader(catalog.get()).load(suite);
        Path outDir = out != null ? out : Home.results();
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new BadInputException("--out " + outDir + " is a file; give a folder (it is created if missing)");
        }
        requireWritable(outDir);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();

        Pinning pinning = Pinning.detect();
        Environment environment = EnvironmentProbe.system(Home.dir()).capture(pinning);
        ChildProcesses children = new ChildProcesses();
        CaseRunner caseRunner = new CaseRunner(
                CaseRunner.Settings.defaults(JavaCommand.current(), pinning),
                ProcFs.system(),
                children,
                System::nanoTime,
                System::currentTimeMillis);
        SuiteRunner.Finished run;
        try {
            run = new SuiteRunner(caseRunner, children::stopAll, stdout, Clock.systemDefaultZone(), System::nanoTime)
                    .run(expanded, outDir, environment);
        } catch (IOException e) {
            // e.g. the disk filled up: every result file is written whole or not at all (ResultFiles)
            throw new BadInputException(
                    "cannot write the results in " + outDir + ": " + e.getMessage()
                            + "; the files written so far are whole (./run.sh report renders them)",
                    e);
        }

        pointLatestAt(run.runDir(), stderr);
        stdout.println("sockbench: " + tally(run.result().cases()));
        Path report;
        try {
            report = reporter.render(run.runDir());
        } catch (IOException e) { // e.g. the disk filled up: each report file is written whole or not at all
            stderr.println("sockbench: cannot write the report in " + run.runDir() + ": " + e.getMessage()
                    + "; the results are whole: make room, then ./run.sh report " + run.runDir());
            stdout.println(run.runDir().resolve("run.json"));
            return Cli.EXIT_BAD_INPUT;
        } catch (RuntimeException e) {
            stderr.println("sockbench: the report could not be rendered: " + e);
            stdout.println(run.runDir().resolve("run.json"));
            return Cli.EXIT_INVALID;
        }
        stdout.println(report);
        return run.allValid() ? Cli.EXIT_OK : Cli.EXIT_INVALID;
    }

    /**
     * Fails before anything runs when no file can be made in {@code outDir} (created if missing): a
     * read-only file system, a folder of someone else's, a file in the way.
     */
    static void requireWritable(Path outDir) {
        try {
            Files.createDirectories(outDir);
            Files.delete(Files.createTempFile(outDir, ".sockbench-", ".probe"));
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot write results in " + outDir + " (" + reason(e)
                            + "); choose another --out or make it writable",
                    e);
        }
    }

    /** What went wrong, without the exception's class: the path alone says little. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    }

    /** {@code <out>/latest} becomes a symlink to the run folder, replaced atomically. */
    static void pointLatestAt(Path runDir, PrintWriter stderr) {
        Path outDir = runDir.getParent();
        Path latest = outDir.resolve(LATEST);
        try {
            Path tmp =
                    outDir.resolve("." + LATEST + "-" + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, runDir.getFileName());
            // rename(2) replaces the old link itself, never what it points to.
            Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            stderr.println("sockbench: could not point " + latest + " at " + runDir.getFileName() + ": " + e);
        }
    }

    /** E.g. {@code 12 measured (11 valid, 1 invalid), 1 failed, 3 skipped}. */
    static String tally(List<CaseEntry> cases) {
        long measured = count(cases, CaseStatus.MEASURED);
        long valid = cases.stream()
                .filter(c -> c.status() == CaseStatus.MEASURED && c.valid())
                .count();
        long failed = count(cases, CaseStatus.FAILED);
        long skipped = count(cases, CaseStatus.SKIPPED);
        long pending = cases.size() - measured - failed - skipped;
        String text = measured + " measured (" + valid + " valid, " + (measured - valid) + " invalid), " + failed
                + " failed, " + skipped + " skipped";
        return pending == 0 ? text : text + ", " + pending + " not run";
    }

    private static long count(List<CaseEntry> cases, CaseStatus status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }
}
