package dev.sockbench.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.bench.testing.FakeServer;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes (the fake servers) through the real start, wait and stop. */
class ServerProcessTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private final ChildProcesses children = new ChildProcesses();

    private static List<String> command(Class<?> main) {
        return TestProcesses.java().build(List.of(), List.of(), main.getName(), List.of());
    }

    @Test
    void waitsForListeningThenStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        ServerProcess server = ServerProcess.start(command(FakeServer.class), log, LONG, children);

        assertThat(server.endpoint().transport()).isEqualTo(Transport.TCP);
        try (Socket s = new Socket(server.endpoint().host(), server.endpoint().port())) {
            assertThat(s.isConnected()).isTrue(); // it really is listening there
        }
        assertThat(server.alive()).isTrue();

        assertThat(server.stop(LONG)).isNull(); // exit 0 after SIGTERM
        assertThat(server.alive()).isFalse();
        // stdout and stderr both reach the log.
        assertThat(Files.readString(log)).contains("fake server: starting").contains("LISTENING tcp://127.0.0.1:");
    }

    @Test
    void asksTheServerForItsUsageOverStdin(@TempDir Path dir) throws Exception {
        ServerProcess server = ServerProcess.start(command(FakeServer.class), dir.resolve("s.log"), LONG, children);

        // The answer is the server's own getrusage: the kernel's account of that process's CPU
        // time (in 10 ms clock ticks) brackets it. This JVM's, seconds of tests, would not fit.
        long kernelBeforeUs = cpuUs(server.pid());
        ResourceUsage usage = server.usage(LONG);
        long kernelAfterUs = cpuUs(server.pid());
        assertThat(usage.userCpuUs() + usage.sysCpuUs())
                .as("server CPU µs, the kernel saw %d..%d", kernelBeforeUs, kernelAfterUs)
                .isPositive()
                .isBetween(kernelBeforeUs - 20_000, kernelAfterUs + 20_000);

        assertThat(server.stop(LONG)).isNull();
        assertThatThrownBy(() -> server.usage(Duration.ofSeconds(1))).isInstanceOf(IOException.class);
    }

    /** The process's user + system CPU time as the kernel reports it ({@code /proc/<pid>/stat}), µs. */
    private static long cpuUs(long pid) {
        return ProcessHandle.of(pid)
                        .orElseThrow()
                        .info()
                        .totalCpuDuration()
                        .orElseThrow()
                        .toNanos()
                / 1_000;
    }

    @Test
    void aServerThatExitsBeforeListeningFailsWithItsLastLine(@TempDir Path dir) {
        assertThatThrownBy(() ->
                        ServerProcess.start(command(FakeServer.ExitsEarly.class), dir.resolve("s.log"), LONG, children))
                .isInstanceOf(CaseFailedException.class)
                .hasMessage(
                        "server exited with code 3 before it listened: sockbench: unknown model 'nope'; accepted: a, b");
    }

    @Test
    void aMalformedListeningLineFailsWithTheReasonAndTheServerIsStopped(@TempDir Path dir) {
        assertStartFailsAndStopsTheServer(
                FakeServer.GarblesListening.class,
                LONG,
                dir,
                "server printed a malformed LISTENING line: endpoint 'tcp://127.0.0.1' needs HOST:PORT");
    }

    @Test
    void aMalformedUsageAnswerIsAnErrorAtOnceNotATimeout(@TempDir Path dir) throws Exception {
        ServerProcess server =
                ServerProcess.start(command(FakeServer.GarblesUsage.class), dir.resolve("s.log"), LONG, children);

        // The deadline is long: only the garbled answer itself can end the wait with this message.
        assertThatThrownBy(() -> server.usage(LONG))
                .isInstanceOf(IOException.class)
                .hasMessage("unreadable USAGE answer: no sysCpuUs in 'USAGE userCpuUs=1'");
        assertThat(server.stop(LONG)).isNull();
    }

    @Test
    void aServerThatNeverListensFailsAtTheDeadlineAndIsStopped(@TempDir Path dir) {
        // The fake never prints LISTENING, so the deadline is what ends the wait, however slow the machine.
        assertStartFailsAndStopsTheServer(
                FakeServer.Silent.class, Duration.ofSeconds(2), dir, "server printed no LISTENING line within 2 s");
    }

    /** Starting {@code main} fails with a message that starts with {@code message}, and no child is left. */
    private void assertStartFailsAndStopsTheServer(Class<?> main, Duration readyDeadline, Path dir, String message) {
        assertThatThrownBy(() -> ServerProcess.start(command(main), dir.resolve("s.log"), readyDeadline, children))
                .isInstanceOf(CaseFailedException.class)
                .hasMessageStartingWith(message);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive))
                .as("the server was stopped")
                .isEmpty();
    }

    @Test
    void aServerThatIgnoresSigtermIsKilledAfterTheDeadline(@TempDir Path dir) throws Exception {
        ServerProcess server =
                ServerProcess.start(command(FakeServer.IgnoresTerm.class), dir.resolve("s.log"), LONG, children);

        String problem = server.stop(Duration.ofSeconds(1));

        assertThat(problem).isEqualTo("server did not stop within 1 s of SIGTERM and was killed");
        assertThat(server.alive()).isFalse();
    }

    @Test
    void stopAllLeavesNoChildBehind(@TempDir Path dir) throws Exception {
        ServerProcess a = ServerProcess.start(command(FakeServer.class), dir.resolve("a.log"), LONG, children);
        ServerProcess b =
                ServerProcess.start(command(FakeServer.IgnoresTerm.class), dir.resolve("b.log"), LONG, children);

        children.stopAll();

        assertThat(a.alive()).isFalse();
        assertThat(b.alive()).isFalse();
    }

    @Test
    void nothingStartsOnceStopAllHasBegun(@TempDir Path dir) {
        children.stopAll();

        assertThatThrownBy(() -> ServerProcess.start(command(FakeServer.class), dir.resolve("c.log"), LONG, children))
                .isInstanceOf(CaseFailedException.class)
                .hasMessageContaining("the run is being stopped");
    }
}
