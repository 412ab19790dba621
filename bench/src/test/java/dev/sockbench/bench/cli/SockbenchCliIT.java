package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.runner.CaseRunner;
import dev.sockbench.core.JvmFlags;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.servers.ServerModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as users run it: the shaded jar in its own JVM, real server and load generator
 * processes, a real run folder.
 */
class SockbenchCliIT {
    private static final Path JAR = Path.of("target", "sockbench.jar");

    /**
     * The outcome of one CLI process.
     *
     * @param exit exit code
     * @param out stdout lines
     * @param err stderr lines
     */
    record Run(int exit, List<String> out, List<String> err) {}

    static Run sockbench(String... args) throws Exception {
        return sockbench(Map.of(), args);
    }

    /** {@link #sockbench(String...)} with {@code env} added to the process's environment. */
    static Run sockbench(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.ALL);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(5, TimeUnit.MINUTES))
                .as("sockbench " + String.join(" ", args) + " ended")
                .isTrue();
        return new Run(
                p.exitValue(), out.get().lines().toList(), err.get().lines().toList());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String resource(String name) throws Exception {
        return Path.of(SockbenchCliIT.class.getResource(name).toURI()).toString();
    }

    static Path tinySuite() throws Exception {
        return Path.of(SockbenchCliIT.class.getResource("/suites-it/tiny.yaml").toURI());
    }

    @Test
    void aRunWritesTheRunFolderTheReportAndLatestAndPrintsTheReportLast(@TempDir Path out) throws Exception {
        Run run = sockbench("run", "--suite", tinySuite().toString(), "--out", out.toString());

        assertThat(run.exit()).as("stdout %s%nstderr %s", run.out(), run.err()).isZero();
        Path runDir = out.resolve("latest").toRealPath();
        assertThat(runDir.getParent()).isEqualTo(out.toRealPath());
        assertThat(runDir.getFileName().toString()).endsWith("-tiny");

        // The report's path is the last line.
        Path report = Path.of(run.out().getLast());
        assertThat(report).isRegularFile().hasFileName("index.html");
        assertThat(report.toRealPath()).isEqualTo(runDir.resolve("report/index.html"));

        RunResult result = ResultFiles.readRun(runDir);
        assertThat(result.suite()).isEqualTo("tiny");
        assertThat(result.finishedAt()).isNotNull();
        assertThat(result.environment().jvmFlags()).isEqualTo(JvmFlags.ALL);
        assertThat(result.environment().pinningNote()).isNotBlank();
        CaseEntry entry = result.cases().getFirst();
        assertThat(result.cases()).hasSize(1);
        assertThat(entry.status()).isEqualTo(CaseStatus.MEASURED);
        assertThat(entry.valid()).as("reasons %s", entry.reasons()).isTrue();

        Path caseDir = ResultFiles.caseDir(runDir, entry.caseId());
        CaseSummary summary = ResultFiles.readSummary(caseDir.resolve("summary.json"));
        assertThat(summary.caseId()).isEqualTo(entry.caseId());
        assertThat(summary.model()).isEqualTo("blocking-platform");
        assertThat(caseDir.resolve("load.json"))
                .as("the generator's report, composed into the summary")
                .doesNotExist();
        assertThat(summary.load().transport()).isEqualTo("tcp");
        assertThat(summary.load().connections()).isEqualTo(2);
        assertThat(summary.load().requests()).isPositive();
        ServerCost server = summary.server();
        assertThat(server).isNotNull();
        // A second of echoing costs the server CPU time (the server's own getrusage, in µs).
        assertThat(server.cpuUserUs() + server.cpuSysUs()).isPositive();
        assertThat(server.cpuUsPerRequest()).isPositive();
        // Each connection's thread blocks in read between requests: about a switch a request (0.85
        // to 1 here, even on a loaded machine). Had the exited connection threads' switches been
        // lost, this would be about 0.001.
        assertThat(server.ctxSwitchesPerRequest()).isGreaterThan(0.3);
        assertThat(server.threads()).isGreaterThan(2); // the two connection threads and the JVM's own
        assertThat(server.rssBytes()).isPositive();
        assertThat(server.gcPauses()).isNotNull();
        assertThat(summary.kernel()).isNotNull();

        Map<String, Histogram> totals = LatencyLog.readTotals(caseDir.resolve("latency.hlog"));
        assertThat(totals).containsKeys(LatencyLog.CORRECTED, LatencyLog.RAW);
        assertThat(totals.get(LatencyLog.CORRECTED).getTotalCount()).isPositive();

        // A second run moves latest; the first run stays whole.
        Run again = sockbench("run", "--suite", tinySuite().toString(), "--out", out.toString());
        assertThat(again.exit()).isZero();
        assertThat(out.resolve("latest").toRealPath()).isNotEqualTo(runDir);
        assertThat(runDir.resolve("run.json")).isRegularFile();

        // And the old run's report renders again on its own.
        Run rerender = sockbench("report", runDir.toString());
        assertThat(rerender.exit()).isZero();
        assertThat(rerender.out())
                .containsExactly(runDir.resolve("report/index.html").toString());
    }

    @Test
    void noEnvironmentVariableEndsUpInTheRunFolder(@TempDir Path out) throws Exception {
        // Set in the harness's environment, which its server and generator processes inherit: a
        // virtual-thread server (it writes a JFR recording too) and a selector one.
        String name = "SOCKBENCH_TEST_SECRET";
        String value = "xyz-secret-" + ProcessHandle.current().pid() + "-4f1c9a";
        Run run = sockbench(
                Map.of(name, value),
                "run",
                "--models",
                "blocking-virtual,nio-epoll",
                "--transports",
                "tcp",
                "--shape",
                "closed",
                "--connections",
                "2",
                "--warmup",
                "300ms",
                "--duration",
                "500ms",
                "--out",
                out.toString());

        assertThat(run.exit()).as("stdout %s%nstderr %s", run.out(), run.err()).isZero();
        Path runDir = out.resolve("latest").toRealPath();
        List<Path> files;
        try (var walk = Files.walk(runDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files)
                .as("the run's files: summaries, logs, gc.log, pinned.jfr, the report")
                .anyMatch(f -> f.endsWith(CaseRunner.PINNED_EVENTS))
                .anyMatch(f -> f.endsWith(ResultFiles.GC_LOG_FILE))
                .anyMatch(f -> f.endsWith("index.html"));
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text.contains(value) || text.contains(name))
                    .as("%s holds %s or its value", f, name)
                    .isFalse();
        }
    }

    @Test
    void everyShapeRunsFromASuiteFileOverTheFourTransports(@TempDir Path out) throws Exception {
        Path suite = Path.of(
                SockbenchCliIT.class.getResource("/suites-it/every-shape.yaml").toURI());
        Run run = sockbench("run", "--suite", suite.toString(), "--out", out.toString());

        // Validity depends on the machine's quiet (a paced case on a busy one is flagged): not
        // asserted here. Every case must have been measured and carry its shape's own results,
        // and the exit code must say whether all of them were valid.
        Path runDir = out.resolve("latest").toRealPath();
        RunResult result = ResultFiles.readRun(runDir);
        assertThat(result.cases()).extracting(CaseEntry::status).containsOnly(CaseStatus.MEASURED);
        boolean allValid = result.cases().stream().allMatch(CaseEntry::valid);
        assertThat(run.exit())
                .as(
                        "exit code with cases valid %s; stdout %s%nstderr %s",
                        result.cases().stream().map(CaseEntry::valid).toList(), run.out(), run.err())
                .isEqualTo(allValid ? 0 : 1);
        Map<String, CaseSummary> byShape = new java.util.HashMap<>();
        for (CaseEntry entry : result.cases()) {
            CaseSummary s = ResultFiles.readSummary(
                    ResultFiles.caseDir(runDir, entry.caseId()).resolve("summary.json"));
            assertThat(s.load().requests()).as(entry.caseId()).isPositive();
            byShape.put(s.load().shape(), s);
        }
        assertThat(byShape.keySet())
                .containsExactlyInAnyOrder("ping-pong", "closed", "open", "sweep", "churn", "idle", "stream");
        assertThat(byShape.values())
                .extracting(s -> s.load().transport())
                .contains("tcp", "udp", "unix-stream", "unix-dgram");
        assertThat(byShape.get("ping-pong").load().connections()).isEqualTo(1);
        assertThat(byShape.get("closed").load().depth()).isEqualTo(2);
        assertThat(byShape.get("open").load().targetRatePerSec()).isEqualTo(1000.0);
        assertThat(byShape.get("open").udp().sent()).isPositive();
        // 500/s, then 1k/s if that step was good (a machine too busy to pace makes it bad), no refining
        assertThat(byShape.get("sweep").sweep().steps())
                .extracting(step -> step.targetRatePerSec())
                .isNotEmpty()
                .isSubsetOf(500.0, 1000.0);
        assertThat(byShape.get("idle").idle().opened()).isEqualTo(20);
        assertThat(byShape.get("stream").stream().bytesPerSec()).isPositive();
        assertThat(byShape.get("stream").load().payloadBytes()).isEqualTo(8 << 10); // the datagram default
    }

    @Test
    void aFailedCaseIsRecordedWithItsReasonTheRunGoesOnAndExitsOne(@TempDir Path out) throws Exception {
        Path suite = Path.of(
                SockbenchCliIT.class.getResource("/suites-it/one-fails.yaml").toURI());

        Run run = sockbench("run", "--suite", suite.toString(), "--out", out.toString());

        assertThat(run.exit()).as("stdout %s%\nstderr %s", run.out(), run.err()).isEqualTo(1);
        RunResult result = ResultFiles.readRun(out.resolve("latest"));
        assertThat(result.cases())
                .extracting(CaseEntry::status)
                .containsExactly(CaseStatus.FAILED, CaseStatus.MEASURED);
        assertThat(result.cases().get(0).reasons())
                .singleElement()
                .asString()
                .startsWith("load generator rejected the case (exit 2): ")
                .contains("tcp://127.0.0.1:");
        assertThat(result.cases().get(1).valid()).isTrue();
        assertThat(run.out()).anyMatch(l -> l.contains("FAILED: load generator rejected the case"));
        assertThat(Path.of(run.out().getLast())).isRegularFile(); // the report, even so
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path out) throws Exception {
        String[][] cases = {
            {"run", "--suite", "nope", "--out", out.toString()},
            // A case the load generator would reject: refused as the suite loads, before any process.
            {"run", "--suite", resource("/suites-bad/closed-with-rate.yaml"), "--out", out.toString()},
            {"report", out.toString()},
            {"server", "--model", "nope"},
            {"server", "--model", "nio-epoll", "--transport", "sctp"},
            {"loadgen", "--target", "nonsense"},
            {"loadgen", "--target", "tcp://127.0.0.1:1", "--shape", "zigzag"},
            {"loadgen", "--target", "tcp://127.0.0.1:1", "--duration", "forever"},
            {"loadgen", "--target", "tcp://127.0.0.1:1", "--rate", "fast"},
            {"no-such-command"},
        };
        for (String[] args : cases) {
            Run run = sockbench(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err())
                    .as(String.join(" ", args))
                    .singleElement()
                    .asString()
                    .startsWith("sockbench: ");
            assertThat(run.out()).as(String.join(" ", args)).isEmpty();
        }
        try (var files = Files.list(out)) {
            assertThat(files).as("nothing was run").isEmpty();
        }
    }

    @Test
    void theJarsMatrixIsTheOneTheServersModuleHas() throws Exception {
        // Shading must not lose a native library: every cell the servers' classes serve in this
        // JVM (their own tests pin which, for this machine) the jar serves too, and vice versa.
        Run run = sockbench("list", "--json");

        assertThat(run.exit()).isZero();
        List<String> fromJar = new ArrayList<>();
        ResultFiles.mapper()
                .readTree(String.join("\n", run.out()))
                .forEach(c -> fromJar.add(c.get("model").asText() + "/"
                        + c.get("transport").asText() + "=" + c.get("status").asText() + " "
                        + c.get("reason").asText()));
        assertThat(fromJar)
                .containsExactlyElementsOf(ServerModels.cells().stream()
                        .map(c -> c.model() + "/" + c.transport().id() + "="
                                + c.status().id() + " " + c.reason())
                        .toList());
    }
}
