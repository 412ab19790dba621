package dev.sockbench.bench.testing;

import dev.sockbench.bench.process.JavaCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Child JVMs for tests: the test JVM's own {@code java} and class path (test classes included). */
public final class TestProcesses {
    private TestProcesses() {}

    public static JavaCommand java() {
        return new JavaCommand(
                Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"));
    }

    /**
     * The command run with SIGINT back at its default disposition, for a test that interrupts it.
     * A build started in the background of a non-interactive shell ({@code cmd &}, {@code nohup})
     * inherits SIGINT ignored, and a JVM leaves an ignored SIGINT ignored, so the child would never
     * see the test's Ctrl-C. {@code env} execs the command: the pid stays the one to signal.
     */
    public static List<String> withDefaultSigint(List<String> command) {
        List<String> reset = new ArrayList<>(List.of("env", "--default-signal=INT"));
        reset.addAll(command);
        return reset;
    }
}
