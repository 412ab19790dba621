package dev.sockbench.bench.testing;

import dev.sockbench.bench.process.JavaCommand;
import java.nio.file.Path;

/** Child JVMs for tests: the test JVM's own {@code java} and class path (test classes included). */
public final class TestProcesses {
    private TestProcesses() {}

    public static JavaCommand java() {
        return new JavaCommand(
                Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"));
    }
}
