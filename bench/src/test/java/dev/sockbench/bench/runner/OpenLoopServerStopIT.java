package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.process.ServerProcess;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.RequestAccounting;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.loadgen.LoadgenMain;
import dev.sockbench.servers.ServerMain;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process stopped (SIGSTOP) for a second in the last second of an open-loop
 * interval, driven by a real load generator process: the stall shows in the corrected maximum,
 * and every request intended in the interval — the ones owed when it ended included — is sent,
 * answered and counted, none dropped.
 */
@Timeout(120)
class OpenLoopServerStopIT {
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void aServerStopInTheLastSecondIsCarriedByTheCorrectedMaxAndEveryRequestIsCounted(@TempDir Path dir)
            throws Exception {
        ChildProcesses children = new ChildProcesses();
        List<String> serverCommand = TestProcesses.java()
                .build(List.of(), List.of(), ServerMain.class.getName(), List.of("-m", "nio-epoll", "-T", "tcp"));
        try (ServerProcess server = ServerProcess.start(serverCommand, dir.resolve("server.log"), LONG, children)) {
            Path json = dir.resolve("summary.json");
            Path out = dir.resolve("loadgen.out");
            // 1,000/s on one connection for 4 s: 4,000 requests intended; the timeout (3 s) is
            // longer than the stop, so every one of them must come back.
            List<String> loadgenCommand = TestProcesses.java()
                    .build(
                            List.of(),
                            List.of(),
                            LoadgenMain.class.getName(),
                            List.of(
                                    "--target", server.endpoint().toString(),
                                    "-s", "open",
                                    "-R", "1000",
                                    "-c", "1",
                                    "-d", "4s",
                                    "--warmup", "1s",
                                    "--timeout", "3s",
                                    "--json", json.toString()));
            Process loadgen = new ProcessBuilder(loadgenCommand)
                    .redirectOutput(out.toFile())
                    .redirectError(dir.resolve("loadgen.err").toFile())
                    .start();

            // Signals go through a shell started now: starting a `kill` process at the moment of
            // the fault can take hundreds of ms on a loaded machine and shift the stop out of the
            // interval.
            Process shell =
                    new ProcessBuilder("bash", "-s").redirectErrorStream(true).start();
            PrintWriter signals = new PrintWriter(shell.getOutputStream(), true);
            long deadline = System.nanoTime() + LONG.toNanos();
            while (!Files.readString(out).contains("PHASE measure")) {
                assertThat(System.nanoTime()).as("PHASE measure in time").isLessThan(deadline);
                Thread.onSpinWait();
            }
            long measureStartNs = System.nanoTime();
            // The fault: stopped for the interval's last second, 3 s into the 4 s interval.
            parkUntil(measureStartNs + 3_000_000_000L);
            // One line, timed by the shell itself: however late the shell runs it, the stop
            // lasts at least the second (a CONT sent from here could cut a late STOP short).
            signals.println("kill -STOP " + server.pid() + "; sleep 1; kill -CONT " + server.pid());
            signals.println("exit");
            assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(shell.exitValue())
                    .as(new String(shell.getInputStream().readAllBytes()))
                    .isZero();

            assertThat(loadgen.waitFor(60, TimeUnit.SECONDS)).isTrue();
            CaseSummary summary = ResultFiles.readSummary(json);
            RequestAccounting a = summary.load().accounting();
            assertThat(a.intended()).isEqualTo(4_000);
            assertThat(a.accountedFor()).isEqualTo(a.intended());
            assertThat(a.answered()).as("nothing dropped: %s", a).isEqualTo(4_000);
            assertThat(summary.load().requests()).isEqualTo(4_000);
            // The request in flight when the server stopped waited the whole second.
            assertThat(summary.latencyUs().corrected().max()).isGreaterThan(950_000.0);
            assertThat(summary.latencyUs().raw().max()).isGreaterThan(950_000.0);
        }
    }

    private static void parkUntil(long whenNs) {
        long remaining;
        while ((remaining = whenNs - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
