package dev.sockbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.cli.SockbenchMain;
import dev.sockbench.bench.runner.CaseOutcome;
import dev.sockbench.bench.suite.LoadSpec;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ClusterRun.AgentPart;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.transport.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A small sockbench cluster for the integration tests: a server agent and two load agents, each a
 * {@code sockbench agent} process of its own (optionally inside a network namespace), and the
 * controller in the test's JVM. {@link #runAMergedCaseThenLoseAnAgent} is what both the loopback
 * and the namespace test check.
 */
final class ClusterRig implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(120);

    /** One agent process. */
    record AgentProcess(String name, Process process, Path log) {
        /** True once it runs a load generator of a case. */
        boolean runsLoadgen() {
            return process.descendants().anyMatch(h -> commandLine(h).contains("LoadgenMain"));
        }

        /**
         * {@code /proc/<pid>/cmdline}, read whole: {@code ProcessHandle.Info.commandLine()} is empty past
         * about 4 KiB, and a test class path is longer (the main class comes after it).
         */
        private static String commandLine(ProcessHandle h) {
            try {
                return java.nio.file.Files.readString(
                        java.nio.file.Path.of("/proc", Long.toString(h.pid()), "cmdline"),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
            } catch (java.io.IOException gone) {
                return "";
            }
        }

        /** SIGKILL, its children first (they would outlive it, as on a host that lost power they would not). */
        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    kill();
                }
            }
        }
    }

    final String clusterName = "sockbench-it-" + UUID.randomUUID().toString().substring(0, 8);
    final Path dir;
    final Path keyFile;
    final List<AgentProcess> agents = new ArrayList<>();

    ClusterRig(Path dir) throws IOException {
        this.dir = dir;
        this.keyFile = dir.resolve("cluster.key");
        Files.write(keyFile, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * Starts {@code sockbench agent} behind {@code prefix} (e.g. {@code ip netns exec NS}) and
     * waits for its {@code AGENT} line.
     */
    AgentProcess startAgent(List<String> prefix, String name, String address, int port, List<String> members)
            throws Exception {
        List<String> command = TestProcesses.java()
                .build(
                        prefix,
                        List.of(),
                        SockbenchMain.class.getName(),
                        List.of(
                                "agent",
                                "--cluster",
                                clusterName,
                                "--members",
                                String.join(",", members),
                                "--interface",
                                address,
                                "--port",
                                Integer.toString(port),
                                "--key-file",
                                keyFile.toString(),
                                "--name",
                                name,
                                "--work-dir",
                                dir.resolve("work-" + name).toString()));
        Path log = dir.resolve("agent-" + name + ".log");
        Process process =
                new ProcessBuilder(command).redirectError(log.toFile()).start();
        AgentProcess agent = new AgentProcess(name, process, log);
        agents.add(agent);
        CompletableFuture<String> joined = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("AGENT ")) {
                        joined.complete(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            joined.complete(null);
        });
        String line = joined.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(line).as("agent %s joined; its log: %s", name, log).isNotNull();
        return agent;
    }

    /** The controller, joined to the agents at {@code members}, bound to {@code address}. */
    ClusterCaseRunner controller(String address, int port, List<String> members, Placement placement)
            throws InterruptedException {
        ClusterOptions options = new ClusterOptions();
        options.cluster = clusterName;
        options.members = members;
        options.bindAddress = address;
        options.port = port;
        options.keyFile = keyFile;
        ClusterCaseRunner runner = ClusterCaseRunner.join(
                options, options.validate(false), placement, ClusterCaseRunner.Settings.defaults());
        runner.awaitAgents(DEADLINE);
        return runner;
    }

    static SuiteCase closedCase(String id, int connections, Duration duration) {
        return new SuiteCase(
                id,
                "nio-epoll",
                Transport.TCP,
                LoadSpec.of("closed", connections, null, 64, duration.toNanos(), 500_000_000L),
                null);
    }

    /**
     * A case across the cluster: the merged request count is the sum of the parts', the merged
     * percentiles are those of the parts' samples added together, every host is recorded. Then a
     * load agent killed mid-case: the case is measured and invalid, saying which agent left.
     */
    void runAMergedCaseThenLoseAnAgent(ClusterCaseRunner controller, String serverAgent, AgentProcess lost)
            throws Exception {
        Path caseDir = dir.resolve("run").resolve("01");
        CaseOutcome outcome =
                controller.run(closedCase("01-nio-epoll-tcp-closed-c4", 4, Duration.ofSeconds(2)), caseDir);
        assertThat(outcome.entry().status()).as("%s", outcome.entry().reasons()).isEqualTo(CaseStatus.MEASURED);
        CaseSummary summary = ResultFiles.readSummary(caseDir.resolve(ResultFiles.SUMMARY_FILE));
        assertThat(summary.cluster().serverAgent()).isEqualTo(serverAgent);
        List<AgentPart> parts = summary.cluster().load();
        assertThat(parts).hasSize(2);
        assertThat(parts).allSatisfy(p -> assertThat(p.requests()).isPositive());
        assertThat(parts.stream().mapToInt(AgentPart::connections).sum()).isEqualTo(4);
        assertThat(summary.load().requests())
                .isEqualTo(parts.stream().mapToLong(AgentPart::requests).sum());
        assertThat(summary.load().accounting().answered())
                .isEqualTo(summary.load().requests());
        assertThat(summary.invalidReasons()).noneMatch(r -> r.contains("left") || r.contains("did not answer"));

        // The parts' own samples, added here from their interval logs: the merged percentiles are theirs.
        Histogram corrected = new Histogram(3);
        Histogram raw = new Histogram(3);
        for (AgentPart p : parts) {
            Map<String, Histogram> totals = LatencyLog.readTotals(caseDir.resolve(ClusterCaseRunner.AGENTS_DIR)
                    .resolve(p.agent())
                    .resolve(ResultFiles.LATENCY_LOG_FILE));
            corrected.add(totals.get(LatencyLog.CORRECTED));
            raw.add(totals.get(LatencyLog.RAW));
        }
        assertThat(summary.latencyUs().corrected()).isEqualTo(Percentiles.ofNanos(corrected));
        assertThat(summary.latencyUs().raw()).isEqualTo(Percentiles.ofNanos(raw));
        assertThat(LatencyLog.readTotals(caseDir.resolve(ResultFiles.LATENCY_LOG_FILE))
                        .get(LatencyLog.RAW)
                        .getTotalCount())
                .isEqualTo(raw.getTotalCount());
        assertThat(summary.server())
                .as("the server's cost, measured on its agent")
                .isNotNull();
        assertThat(caseDir.resolve("server.log")).isNotEmptyFile();

        // A load agent lost mid-case: its part is missing and the case says so; the run could go on.
        Path lostDir = dir.resolve("run").resolve("02");
        CompletableFuture<CaseOutcome> second = CompletableFuture.supplyAsync(
                () -> controller.run(closedCase("02-nio-epoll-tcp-closed-c4", 4, Duration.ofSeconds(8)), lostDir));
        awaitLoadgen(lost, second);
        lost.kill();
        CaseOutcome lostOutcome = second.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(lostOutcome.entry().status()).isEqualTo(CaseStatus.MEASURED);
        assertThat(lostOutcome.entry().valid()).isFalse();
        assertThat(lostOutcome.entry().reasons()).contains("agent " + lost.name() + " left");
    }

    /** Waits until {@code agent} runs its part of the case {@code running} runs. */
    void awaitLoadgen(AgentProcess agent, CompletableFuture<CaseOutcome> running) {
        long endNs = System.nanoTime() + DEADLINE.toNanos();
        while (!agent.runsLoadgen()) {
            assertThat(System.nanoTime())
                    .as("agent %s runs its part", agent.name())
                    .isLessThan(endNs);
            assertThat(running).as("the case still runs").isNotDone();
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (AgentProcess a : agents) {
            a.stop();
        }
    }
}
