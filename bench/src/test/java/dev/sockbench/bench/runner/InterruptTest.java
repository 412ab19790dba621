package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.env.EnvironmentProbe;
import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.suite.Suite;
import dev.sockbench.bench.suite.SuiteLoader;
import dev.sockbench.bench.suite.TableCatalog;
import dev.sockbench.bench.testing.FakeLoadgen;
import dev.sockbench.bench.testing.FakeServer;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C (or SIGTERM) during a case: a runner in its own JVM gets the signal while its load
 * generator hangs; its server and load generator must not outlive it, run.json must say what
 * happened, and it exits 130.
 */
class InterruptTest {

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsTheCasesProcessesLeavesAReadableRunJsonAndExits130(String signal, @TempDir Path out)
            throws Exception {
        Process runner = new ProcessBuilder(TestProcesses.withDefaultSigint(TestProcesses.java()
                        .build(List.of(), List.of(), RunUntilInterrupted.class.getName(), List.of(out.toString()))))
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("runner.log").toFile())
                .start();

        // Wait until the case is under way: its load generator has announced the warm-up.
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path loadgenLog;
        while ((loadgenLog = findLoadgenLog(out)) == null
                || !Files.readString(loadgenLog).contains("PHASE warmup")) {
            assertThat(runner.isAlive()).as("runner died early: see runner.log").isTrue();
            assertThat(System.nanoTime()).as("the case never started").isLessThan(deadlineNs);
            Thread.sleep(50); // polling a file for a condition, with a deadline
        }
        List<ProcessHandle> children = runner.descendants().toList();
        assertThat(children).as("server and load generator").hasSizeGreaterThanOrEqualTo(2);

        new ProcessBuilder("kill", "-" + signal, Long.toString(runner.pid()))
                .start()
                .waitFor();

        assertThat(runner.waitFor(60, TimeUnit.SECONDS))
                .as("runner exits on SIG" + signal)
                .isTrue();
        // The JVM's own code would be 128 + the signal's number: 130 for INT, 143 for TERM.
        assertThat(runner.exitValue()).as("exit code").isEqualTo(Cli.EXIT_INTERRUPTED);
        for (ProcessHandle child : children) {
            assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        }
        // Nor is anything the run started after the interrupt (the next case's server, raced
        // against the shutdown) left behind: every process of this run names its folder.
        long orphanDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<ProcessHandle> left = processesNaming(out);
        while (!left.isEmpty() && System.nanoTime() < orphanDeadlineNs) {
            Thread.sleep(50); // polling for a condition, with a deadline
            left = processesNaming(out);
        }
        left.forEach(ProcessHandle::destroyForcibly);
        assertThat(left).as("processes of the run alive after it exited").isEmpty();
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        RunResult run = ResultFiles.readRun(runDir);
        assertThat(run.cases())
                .extracting(CaseEntry::status)
                .containsExactly(
                        CaseStatus.FAILED, CaseStatus.PENDING); // the case in progress, and the one never started
        assertThat(run.cases().get(0).reasons()).containsExactly("interrupted");
        assertThat(run.finishedAt()).isNotNull();
        assertThat(Files.readString(out.resolve("runner.log")))
                .contains("sockbench: interrupted; the run so far is in " + runDir);
    }

    private static List<ProcessHandle> processesNaming(Path out) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(out.toString()))
                .toList();
    }

    private static Path findLoadgenLog(Path out) throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> p.getFileName().toString().equals("loadgen.log"))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A suite runner whose load generator hangs: it runs until it is interrupted. */
    public static final class RunUntilInterrupted {
        public static void main(String[] args) throws Exception {
            Suite suite = new SuiteLoader(new TableCatalog("fake")).parse("hang", """
                    cases:
                      - {models: fake, transports: tcp, warmup: 1s, duration: 1s}
                      - {models: fake, transports: tcp, warmup: 1s, duration: 2s}
                    """);
            ChildProcesses children = new ChildProcesses();
            CaseRunner.Settings settings = new CaseRunner.Settings(
                    TestProcesses.java(),
                    Pinning.detect(),
                    FakeServer.class.getName(),
                    FakeLoadgen.Hangs.class.getName(),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(10),
                    Duration.ofHours(1),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(30));
            CaseRunner caseRunner =
                    new CaseRunner(settings, ProcFs.system(), children, System::nanoTime, System::currentTimeMillis);
            Path out = Path.of(args[0]);
            new SuiteRunner(
                            caseRunner,
                            children::stopAll,
                            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                            Clock.systemDefaultZone(),
                            System::nanoTime)
                    .run(suite, out, EnvironmentProbe.system(out).capture(Pinning.unpinned("test")));
        }
    }
}
