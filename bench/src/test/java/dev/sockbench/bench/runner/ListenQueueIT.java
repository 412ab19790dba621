package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockbench.bench.cli.SockbenchMain;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.testing.ConnectionFlood;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.KernelCounters;
import dev.sockbench.core.result.ResultFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A genuinely full listen queue lands in the case: a real run ({@code sockbench run}, its server
 * and generator) inside a network namespace of its own, where {@code /proc/net/netstat} counts
 * that namespace alone and {@code net.core.somaxconn} caps every backlog at {@value #SOMAXCONN}.
 * In the measured interval the server is stopped (SIGSTOP: it accepts nothing) and {@value
 * #CONNECTIONS} connects arrive at once; the queue holds {@code SOMAXCONN + 1}, the kernel drops
 * the others' SYNs and counts each in {@code TcpExt: ListenOverflows}, and the case's {@code
 * kernel} block carries the count. Needs root and {@code ip netns}; skipped, saying so, without.
 */
@Timeout(180)
class ListenQueueIT {
    private static final int SOMAXCONN = 4;
    private static final int CONNECTIONS = 20;
    /** SYNs the full queue must have dropped: those beyond what it holds (retries add more). */
    private static final int DROPPED_AT_LEAST = CONNECTIONS - (SOMAXCONN + 1);

    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(60);

    @Test
    void aFullListenQueueIsCountedInTheCasesKernelBlock(@TempDir Path out) throws Exception {
        String ns = "sockbench-lq-" + ProcessHandle.current().pid();
        assumeTrue(
                sh("ip", "netns", "add", ns),
                "skipped: cannot create a network namespace (needs root and iproute2's ip netns)");
        Process run = null;
        Process flood = null;
        try {
            assertThat(sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"))
                    .isTrue();
            assertThat(sh(
                            "ip",
                            "netns",
                            "exec",
                            ns,
                            "sh",
                            "-c",
                            "echo " + SOMAXCONN + " > /proc/sys/net/core/somaxconn"))
                    .isTrue();
            List<String> inNamespace = List.of("ip", "netns", "exec", ns);

            // Started first: a JVM's start-up must not fall in the case's measured interval.
            flood = new ProcessBuilder(TestProcesses.java()
                            .build(
                                    inNamespace,
                                    List.of(),
                                    ConnectionFlood.class.getName(),
                                    List.of(Integer.toString(CONNECTIONS))))
                    .redirectError(out.resolve("flood.err").toFile())
                    .start();
            BufferedReader floodOut =
                    new BufferedReader(new InputStreamReader(flood.getInputStream(), StandardCharsets.US_ASCII));
            PrintWriter floodIn = new PrintWriter(flood.getOutputStream(), true, StandardCharsets.US_ASCII);
            assertThat(floodOut.readLine()).isEqualTo("READY");
            // Signals through a shell started now, as in OpenLoopServerStopIT.
            Process shell =
                    new ProcessBuilder("bash", "-s").redirectErrorStream(true).start();
            PrintWriter signals = new PrintWriter(shell.getOutputStream(), true);

            Path results = out.resolve("results");
            run = new ProcessBuilder(TestProcesses.java()
                            .build(
                                    inNamespace,
                                    List.of(),
                                    SockbenchMain.class.getName(),
                                    List.of(
                                            "run",
                                            "--models",
                                            "nio-epoll",
                                            "--transports",
                                            "tcp",
                                            "--shape",
                                            "closed",
                                            "--connections",
                                            "1",
                                            "--warmup",
                                            "300ms",
                                            "--duration",
                                            "6s",
                                            "--out",
                                            results.toString())))
                    .redirectOutput(out.resolve("run.out").toFile())
                    .redirectErrorStream(true)
                    .start();
            Process harness = run;

            Path serverLog = await("the server's log", () -> find(results, CaseRunner.SERVER_LOG));
            Path loadgenLog = await("the generator's log", () -> find(results, CaseRunner.LOADGEN_LOG));
            int port = await("LISTENING", () -> listeningPort(serverLog));
            await("PHASE measure", () -> contains(loadgenLog, "PHASE measure"));
            long serverPid = harness.descendants()
                    .filter(p -> arguments(p.pid()).contains(CaseRunner.SERVER_MAIN))
                    .findFirst()
                    .orElseThrow()
                    .pid();

            // The fault: the server stopped, then every connect at once.
            signals.println("kill -STOP " + serverPid);
            await("the server stopped", () -> state(serverPid).equals("T"));
            floodIn.println(port);
            assertThat(floodOut.readLine()).isEqualTo("SENT");
            ProcFs namespace = new ProcFs(Path.of("/proc", Long.toString(flood.pid())));
            await("the queue overflowed", () -> overflows(namespace) >= DROPPED_AT_LEAST);
            signals.println("kill -CONT " + serverPid);
            signals.println("exit");
            assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(shell.exitValue())
                    .as(new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();

            assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the run ended").isTrue();
            CaseSummary summary = ResultFiles.readSummary(serverLog.resolveSibling(ResultFiles.SUMMARY_FILE));
            KernelCounters kernel = summary.kernel();
            long inNamespaceTotal = overflows(namespace);
            assertThat(kernel).as("the case's kernel block").isNotNull();
            // The namespace is the case's alone: every overflow in it since it was made is the flood's.
            assertThat(kernel.listenOverflows()).isBetween((long) DROPPED_AT_LEAST, inNamespaceTotal);
            assertThat(kernel.listenDrops()).isGreaterThanOrEqualTo(kernel.listenOverflows());
        } finally {
            if (flood != null) {
                flood.destroy();
                flood.waitFor(30, TimeUnit.SECONDS);
            }
            if (run != null && run.isAlive()) {
                run.destroy(); // SIGTERM: the harness stops its children and exits
                run.waitFor(60, TimeUnit.SECONDS);
            }
            sh("ip", "netns", "del", ns);
        }
    }

    /** Runs a command to its end; true when it exited 0. */
    private static boolean sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Polls {@code value} until it is present, failing after {@link #DEADLINE_NS}. */
    private static <T> T await(String what, Check<T> value) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NS;
        while (true) {
            Optional<T> v = value.get();
            if (v.isPresent()) {
                return v.get();
            }
            assertThat(System.nanoTime()).as(what + " in time").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10); // how often to look, not a synchronisation
        }
    }

    private static void await(String what, Condition condition) throws Exception {
        await(what, () -> condition.holds() ? Optional.of(true) : Optional.empty());
    }

    @FunctionalInterface
    private interface Check<T> {
        Optional<T> get() throws Exception;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static Optional<Path> find(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals(name)).findFirst();
        }
    }

    private static final Pattern LISTENING = Pattern.compile("LISTENING tcp://127\\.0\\.0\\.1:(\\d+)");

    private static Optional<Integer> listeningPort(Path serverLog) throws IOException {
        Matcher m = LISTENING.matcher(Files.readString(serverLog));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static boolean contains(Path file, String text) throws IOException {
        return Files.readString(file).contains(text);
    }

    /**
     * A process's command line, whole ({@code ProcessHandle.Info} cuts it at 4 KiB, before a
     * sockbench JVM's main class); empty when it is gone.
     */
    private static List<String> arguments(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The process's state letter from {@code /proc/<pid>/stat} ({@code T}: stopped). */
    private static String state(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }

    private static long overflows(ProcFs namespace) throws IOException {
        Long n = namespace.kernelCounters().listenOverflows();
        return n == null ? 0 : n;
    }
}
