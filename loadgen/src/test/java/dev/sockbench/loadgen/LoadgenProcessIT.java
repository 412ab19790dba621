package dev.sockbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.JvmFlags;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.loadgen.engine.CompilerPriority;
import dev.sockbench.loadgen.testserver.StreamEchoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator as its own process, as the suite runner starts it. */
class LoadgenProcessIT {

    private static List<String> loadgenCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.ALL);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadgenMain.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void aGeneratorStarvedOfItsCpuIsFlaggedInvalid(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                new ProcessBuilder("taskset", "-c", "0", "true").start().waitFor() == 0, "taskset and CPU 0");
        // A busy loop pinned to the generator's CPU: the scheduler hands that CPU back and forth
        // between the two in slices of milliseconds, and sends due meanwhile leave late.
        Process hog = new ProcessBuilder("taskset", "-c", "0", "sh", "-c", "while :; do :; done").start();
        try (StreamEchoServer server = StreamEchoServer.tcp()) {
            Path json = dir.resolve("summary.json");
            List<String> command = new ArrayList<>(List.of("taskset", "-c", "0"));
            command.addAll(loadgenCommand(
                    "--target", server.endpoint().toString(),
                    "-s", "open",
                    "-R", "2k",
                    "-c", "2",
                    "-t", "1",
                    "-d", "2s",
                    "--warmup", "500ms",
                    "--json", json.toString()));
            Process loadgen = new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            assertThat(loadgen.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(loadgen.exitValue())
                    .as(Files.readString(dir.resolve("stderr.txt")))
                    .isEqualTo(1);
            CaseSummary summary = ResultFiles.readSummary(json);
            assertThat(summary.valid()).isFalse();
            assertThat(summary.invalidReasons()).anyMatch(r -> r.contains("generator"));
            assertThat(summary.generator().sendLagUs().p99())
                    .as("the lag shows the stolen time")
                    .isGreaterThan(summary.generator().lagBoundUs());
        } finally {
            hog.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A generator process offering 500 req/s over 2 connections for a minute (the tests stop it
     * early), writing summary.json, latency.hlog and stderr.txt in {@code dir}.
     */
    private static Process startMinuteOfOpenLoad(StreamEchoServer server, Path dir) throws Exception {
        List<String> command = loadgenCommand(
                "--target", server.endpoint().toString(),
                "-s", "open",
                "-R", "500",
                "-c", "2",
                "-d", "60s",
                "--warmup", "200ms",
                "--json", dir.resolve("summary.json").toString(),
                "--hlog", dir.resolve("latency.hlog").toString());
        return new ProcessBuilder(command)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    @Test
    void sigtermEndsTheMeasuredIntervalAndTheDataSoFarIsWritten(@TempDir Path dir) throws Exception {
        try (StreamEchoServer server = StreamEchoServer.tcp()) {
            Path json = dir.resolve("summary.json");
            Path hlog = dir.resolve("latency.hlog");
            Process process = startMinuteOfOpenLoad(server, dir);
            List<String> stdout = new ArrayList<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    stdout.add(line);
                    if (line.equals("PHASE measure")) {
                        // SIGTERM; through the handle, so our end of its stdout stays open.
                        process.toHandle().destroy();
                    }
                }
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stdout).contains("PHASE warmup", "PHASE measure", "PHASE done");

            CaseSummary summary = ResultFiles.readSummary(json);
            assertThat(summary.valid()).isFalse();
            assertThat(summary.invalidReasons()).anyMatch(r -> r.startsWith("interrupted "));
            assertThat(summary.load().durationSec()).isLessThan(60);
            // In-flight requests at the stop are not counted as errors: the server did nothing wrong.
            assertThat(summary.load().errors().total()).isZero();
            assertThat(LatencyLog.readTotals(hlog)).containsKey(LatencyLog.CORRECTED);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("no temporary file left")
                        .noneMatch(n -> n.endsWith(".tmp"));
            }
        }
    }

    @Test
    void theJitCompilerRunsAtALowerPriorityThanTheWorkers(@TempDir Path dir) throws Exception {
        try (StreamEchoServer server = StreamEchoServer.tcp()) {
            Process process = startMinuteOfOpenLoad(server, dir);
            Map<String, Integer> policyByThread = new HashMap<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("PHASE measure")) {
                        policyByThread.putAll(policyOfEveryThread(process.pid()));
                        process.toHandle().destroy();
                    }
                }
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(policyByThread).as("threads at PHASE measure").isNotEmpty();
            assertThat(policyByThread.entrySet())
                    .filteredOn(e -> e.getKey().contains("CompilerThre"))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(CompilerPriority.SCHED_IDLE));
            assertThat(policyByThread.entrySet())
                    .filteredOn(e -> e.getKey().startsWith("loadgen-worker"))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isZero());
        }
    }

    /** Thread name and id to its scheduling policy (0 normal), field 41 of {@code /proc/PID/task/TID/stat}. */
    private static Map<String, Integer> policyOfEveryThread(long pid) throws Exception {
        Map<String, Integer> policy = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    String[] fields = stat.substring(close + 2).split(" ");
                    policy.put(name + "/" + task.getFileName(), Integer.parseInt(fields[38]));
                } catch (java.io.IOException ended) {
                    // a thread that ended meanwhile
                }
            }
        }
        return policy;
    }
}
