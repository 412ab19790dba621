package dev.sockbench.loadgen.engine;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs this JVM's JIT compiler threads at a lower priority, nice {@link #NICE}, with Linux's {@code
 * setpriority(2)} per thread through the FFM API (any user may lower a thread's priority). The
 * suite runner starts the generator on the server's CPUs and pins only its workers to CPUs of
 * their own, so the generator's compiler runs beside the server; a compile that a woken server
 * thread finds running there keeps it waiting until the scheduler's next tick, 4 ms at {@code
 * CONFIG_HZ=250}, and the generator's own JIT would show as the server's latency. At nice 10 the
 * server's thread preempts it on waking. Compiler threads the JVM adds later are started by a
 * compiler thread and inherit its value.
 */
public final class CompilerPriority {
    /** The compiler threads' nice value. */
    public static final int NICE = 10;

    private static final int PRIO_PROCESS = 0; // with a thread id, one thread (Linux)

    private CompilerPriority() {}

    /**
     * Lowers every compiler thread of this JVM found in {@code /proc/self/task}.
     *
     * @return null when done, else why not (the generator runs on; its JIT keeps its priority)
     */
    public static String lower() {
        try {
            for (long tid : compilerThreads(Path.of("/proc/self/task"))) {
                int rc = (int) SetPriority.HANDLE.invokeExact(PRIO_PROCESS, (int) tid, NICE);
                if (rc != 0) {
                    return "setpriority refused thread " + tid;
                }
            }
            return null;
        } catch (Throwable e) {
            return e.toString();
        }
    }

    /** The ids of the threads under {@code taskDir} whose name says they compile (C1, C2, JVMCI). */
    static List<Long> compilerThreads(Path taskDir) throws IOException {
        try (Stream<Path> tasks = Files.list(taskDir)) {
            return tasks.filter(t -> {
                        try {
                            return Files.readString(t.resolve("comm")).contains("CompilerThre");
                        } catch (IOException ended) {
                            return false;
                        }
                    })
                    .map(t -> Long.parseLong(t.getFileName().toString()))
                    .toList();
        }
    }

    private static final class SetPriority {
        static final MethodHandle HANDLE = Linker.nativeLinker()
                .downcallHandle(
                        Linker.nativeLinker()
                                .defaultLookup()
                                .find("setpriority")
                                .orElseThrow(() -> new IllegalStateException("no setpriority here")),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT));
    }
}
