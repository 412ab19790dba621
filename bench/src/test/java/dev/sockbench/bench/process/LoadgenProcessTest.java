package dev.sockbench.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.bench.testing.FakeLoadgen;
import dev.sockbench.bench.testing.FakeServer;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.process.Phase;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.loadgen.LoadgenMain;
import dev.sockbench.loadgen.options.LoadOptions;
import dev.sockbench.loadgen.shape.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadgenProcessTest {
    private final ChildProcesses children = new ChildProcesses();

    @Test
    void deliversThePhaseMarkersInOrderAndTheExitCode(@TempDir Path dir) throws Exception {
        ServerProcess server = ServerProcess.start(
                TestProcesses.java().build(List.of(), List.of(), FakeServer.class.getName(), List.of()),
                dir.resolve("server.log"),
                Duration.ofSeconds(60),
                children);
        List<Phase> phases = new CopyOnWriteArrayList<>();
        List<String> args = LoadgenMain.arguments(
                server.endpoint(),
                new LoadOptions().shape(Shape.CLOSED).payload(64).framing(Framing.LENGTH),
                dir.resolve("summary.json"),
                dir.resolve("latency.hlog"));
        LoadgenProcess loadgen = LoadgenProcess.start(
                TestProcesses.java().build(List.of(), List.of(), FakeLoadgen.class.getName(), args),
                dir.resolve("loadgen.log"),
                phases::add,
                children,
                System::nanoTime);

        int exit = loadgen.awaitExit(Duration.ofSeconds(60));
        server.stop(Duration.ofSeconds(10));

        assertThat(exit).isZero();
        assertThat(phases).containsExactly(Phase.WARMUP, Phase.MEASURE, Phase.DONE);
        assertThat(Files.readString(dir.resolve("loadgen.log")))
                .contains("fake loadgen: measuring") // stderr
                .contains("fake loadgen: 1000 requests"); // stdout
        assertThat(dir.resolve("summary.json")).exists();
    }

    @Test
    void aSilentLoadGeneratorIsKilledAsHung(@TempDir Path dir) throws Exception {
        LoadgenProcess loadgen = LoadgenProcess.start(
                TestProcesses.java().build(List.of(), List.of(), FakeLoadgen.Hangs.class.getName(), List.of()),
                dir.resolve("loadgen.log"),
                phase -> {},
                children,
                System::nanoTime);

        // It prints one line and then nothing: the silence limit, not a timer, ends the wait.
        assertThatThrownBy(() -> loadgen.awaitExit(Duration.ofSeconds(2)))
                .isInstanceOf(CaseFailedException.class)
                .hasMessage("load generator printed nothing for 2 s and was killed; last output: PHASE warmup");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive))
                .isEmpty();
    }
}
