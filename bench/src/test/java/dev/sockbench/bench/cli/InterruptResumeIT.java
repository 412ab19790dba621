package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.cli.SockbenchCliIT.Run;
import dev.sockbench.bench.env.KernelThread;
import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.JvmFlags;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.process.CpuSet;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.result.RunResult.TrialEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real {@code sockbench run} (the jar, real server and load generator processes):
 * it exits 130 with no child left, its folder renders, and {@code --resume} completes it,
 * running only what had not finished.
 */
class InterruptResumeIT {

    @Test
    void aRunInterruptedBySigintExits130AndResumeCompletesIt(@TempDir Path out) throws Exception {
        Path suite = Path.of(
                InterruptResumeIT.class.getResource("/suites-it/tiny.yaml").toURI());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.ALL);
        command.addAll(List.of(
                "-jar",
                Path.of("target", "sockbench.jar").toAbsolutePath().toString(),
                "run",
                "--suite",
                suite.toString(),
                "--trials",
                "2",
                "--out",
                out.toString()));
        Pinning pinning = Pinning.detect();
        // As root, the movable kernel threads allowed on the generator's CPUs leave them while cases run.
        boolean root = "root".equals(System.getProperty("user.name"));
        List<KernelThread> kernelBefore = pinning.pinned() && root
                ? KernelThread.movable(Path.of("/proc")).stream()
                        .filter(t -> t.cpus().cpus().stream()
                                        .anyMatch(pinning.loadgen().cpus()::contains)
                                && !pinning.loadgen()
                                        .cpus()
                                        .containsAll(t.cpus().cpus()))
                        .toList()
                : List.of();
        Process run = new ProcessBuilder(TestProcesses.withDefaultSigint(command))
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("run.log").toFile())
                .start();

        // Interrupt during the second trial: the first is done and must not run again.
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path secondTrialLog;
        while ((secondTrialLog = find(out, "trial-2", "loadgen.log")) == null
                || !Files.readString(secondTrialLog).contains("PHASE warmup")) {
            assertThat(run.isAlive())
                    .as("the run ended before its second trial")
                    .isTrue();
            assertThat(System.nanoTime()).as("the second trial never started").isLessThan(deadlineNs);
            Thread.sleep(50); // polling a file for a condition, with a deadline
        }
        List<ProcessHandle> children = run.descendants().toList();
        if (pinning.pinned()) {
            // While cases run, no thread of the runner may run on the generator's CPUs.
            assertThat(cpusOfEveryThread(run.pid()))
                    .containsOnly(pinning.server().toString());
        }
        for (KernelThread t : kernelBefore) {
            assertThat(cpusOfEveryThread(t.pid()))
                    .as("kernel thread %s mid-case", t.name())
                    .allSatisfy(cpus -> assertThat(CpuSet.parse(cpus).cpus())
                            .doesNotContainAnyElementsOf(pinning.loadgen().cpus()));
        }
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("exits on SIGINT").isTrue();
        assertThat(run.exitValue()).as("exit code; see run.log").isEqualTo(Cli.EXIT_INTERRUPTED);
        for (ProcessHandle child : children) {
            assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        }
        for (KernelThread t : kernelBefore) {
            assertThat(cpusOfEveryThread(t.pid()))
                    .as("kernel thread %s after the run", t.name())
                    .allSatisfy(cpus -> assertThat(CpuSet.parse(cpus)).isEqualTo(t.cpus()));
        }
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(Files.readString(out.resolve("run.log")))
                .contains("./run.sh run --resume " + runDir + " completes it");
        RunResult interrupted = ResultFiles.readRun(runDir);
        if (!kernelBefore.isEmpty()) {
            assertThat(interrupted.environment().pinningNote())
                    .contains("kernel threads kept off CPU " + pinning.loadgen());
        }
        CaseEntry entry = interrupted.cases().getFirst();
        assertThat(entry.status()).isEqualTo(CaseStatus.FAILED);
        assertThat(entry.reasons()).containsExactly("trial 2: interrupted");
        assertThat(entry.trials())
                .extracting(TrialEntry::status)
                .containsExactly(CaseStatus.MEASURED, CaseStatus.FAILED);
        Path firstTrial = ResultFiles.trialDir(runDir, entry.caseId(), 1).resolve(ResultFiles.SUMMARY_FILE);
        String firstTrialSummary = Files.readString(firstTrial);
        // The interrupted run renders as it stands.
        Run report = SockbenchCliIT.sockbench("report", runDir.toString());
        assertThat(report.exit()).as("report %s", report.err()).isZero();

        Run resumed = SockbenchCliIT.sockbench("run", "--resume", runDir.toString());

        assertThat(resumed.exit())
                .as("stdout %s%nstderr %s", resumed.out(), resumed.err())
                .isZero();
        assertThat(resumed.out()).anyMatch(l -> l.contains("[1/1] blocking-platform tcp closed-c2 trial 2/2: "));
        assertThat(Path.of(resumed.out().getLast())).isEqualTo(runDir.resolve("report/index.html"));
        RunResult done = ResultFiles.readRun(runDir);
        assertThat(done.finishedAt()).isNotNull();
        CaseEntry finished = done.cases().getFirst();
        assertThat(finished.status()).isEqualTo(CaseStatus.MEASURED);
        assertThat(finished.valid()).as("reasons %s", finished.reasons()).isTrue();
        assertThat(finished.trials()).extracting(TrialEntry::status).containsOnly(CaseStatus.MEASURED);
        assertThat(Files.readString(firstTrial)).as("trial 1 did not run again").isEqualTo(firstTrialSummary);
        CaseSummary summary = ResultFiles.readSummary(runDir, entry.caseId());
        assertThat(summary.trials().measured()).isEqualTo(2);
        assertThat(summary.trials().achievedRatePerSec().ci95Low()).isNotNull();
    }

    private static Path find(Path dir, String parent, String name) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(name)
                            && p.getParent().getFileName().toString().equals(parent))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** {@code Cpus_allowed_list} of each thread of process {@code pid}. */
    private static List<String> cpusOfEveryThread(long pid) throws IOException {
        List<String> lists = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    Files.readAllLines(task.resolve("status")).stream()
                            .filter(l -> l.startsWith("Cpus_allowed_list:"))
                            .map(l -> l.substring(l.indexOf(':') + 1).trim())
                            .forEach(lists::add);
                } catch (IOException exited) {
                    // a thread that ended meanwhile
                }
            }
        }
        return lists;
    }
}
