package dev.sockbench.loadgen.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs this JVM's JIT compiler threads under Linux's {@code SCHED_IDLE} policy, with {@code
 * sched_setscheduler(2)} per thread through the FFM API (any user may lower a thread's policy). The
 * suite runner starts the generator on the server's CPUs and pins only its workers to CPUs of
 * their own, so the generator's compiler runs beside the server. A compile that a woken server
 * thread finds running there at normal priority, or even at nice 10, may keep it waiting until the
 * scheduler's next tick (4 ms at {@code CONFIG_HZ=250}: the scheduler lets the running thread
 * finish its slice), and the generator's own JIT would show as the server's latency. A {@code
 * SCHED_IDLE} thread is preempted by any other thread the moment that one wakes, so the compiler
 * uses only the time the server leaves idle. Compiler threads the JVM adds later are started by a
 * compiler thread and inherit the policy.
 */
public final class CompilerPriority {
    /** Linux's {@code SCHED_IDLE} policy number, as {@code /proc/PID/task/TID/stat} field 41 shows it. */
    public static final int SCHED_IDLE = 5;

    private CompilerPriority() {}

    /**
     * Moves every compiler thread of this JVM found in {@code /proc/self/task} to {@code SCHED_IDLE}.
     *
     * @return null when done, else why not (the generator runs on; its JIT keeps its priority)
     */
    public static String lower() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocate(ValueLayout.JAVA_INT); // struct sched_param, priority 0
            for (long tid : compilerThreads(Path.of("/proc/self/task"))) {
                int rc = (int) SetScheduler.HANDLE.invokeExact((int) tid, SCHED_IDLE, param);
                if (rc != 0) {
                    return "sched_setscheduler refused thread " + tid;
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

    private static final class SetScheduler {
        static final MethodHandle HANDLE = Linker.nativeLinker()
                .downcallHandle(
                        Linker.nativeLinker()
                                .defaultLookup()
                                .find("sched_setscheduler")
                                .orElseThrow(() -> new IllegalStateException("no sched_setscheduler here")),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    }
}
