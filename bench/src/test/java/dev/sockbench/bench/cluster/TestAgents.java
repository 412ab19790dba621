package dev.sockbench.bench.cluster;

import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.runner.CaseRunner;
import dev.sockbench.bench.testing.FakeLoadgen;
import dev.sockbench.bench.testing.TestProcesses;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An agent for tests on 127.0.0.1: a stand-in server, the fake generator, a minute to get ready, a
 * host it describes as unknown.
 */
final class TestAgents {
    private TestAgents() {}

    static Agent agent(String name, ClusterKey key, Class<?> server, ChildProcesses children, Path dir) {
        return new Agent(name, "127.0.0.1", key, runner(server, children), children, ProcFs.system(), dir, () -> null);
    }

    private static CaseRunner runner(Class<?> server, ChildProcesses children) {
        return new CaseRunner(
                new CaseRunner.Settings(
                        TestProcesses.java(),
                        Pinning.detect(),
                        server.getName(),
                        FakeLoadgen.class.getName(),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(60),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(10)),
                ProcFs.system(),
                children,
                System::nanoTime,
                System::currentTimeMillis);
    }
}
