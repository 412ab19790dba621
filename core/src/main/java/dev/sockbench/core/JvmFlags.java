package dev.sockbench.core;

import java.util.List;

/**
 * The flags every sockbench JVM runs with: the CLI (run.sh), the server and load generator
 * processes the suite runner starts, and the tests (the parent pom's {@code sockbench.jvm.flags},
 * which must stay equal to {@link #ALL}).
 */
public final class JvmFlags {
    /**
     * Netty and junixsocket use {@code sun.misc.Unsafe} and native code; without these two flags
     * they work on JDK 25 but print warnings. The export lets {@code nio-poll} open the JDK's poll
     * selector beside the default epoll one.
     */
    public static final List<String> ALL = List.of(
            "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");

    /**
     * Added for the load generator's JVM: compile after a tenth of the usual invocations. At a
     * low rate (1,000 requests/s) the default thresholds bring the request path to C2 only after
     * ~10 s, in the middle of the measured interval, and on a generator pinned to one CPU the
     * compiler thread then takes that CPU from the worker for milliseconds at a time (measured:
     * send lag p99 0.03–1.2 ms with the defaults, 0.6–14 µs with this, 1k/s, 2 s warm-up, 8 s).
     * With it a warm-up of 2 s compiles what the measured interval runs. The suite runner adds it
     * for paced shapes (open, sweep, idle: their send lag is checked); closed shapes reach the
     * default thresholds within any warm-up, and compiling more at start-up costs ~0.5 s a case.
     * {@code ./run.sh loadgen} always adds it. Servers keep the defaults.
     */
    public static final List<String> LOAD_GENERATOR = List.of("-XX:CompileThresholdScaling=0.1");

    /**
     * Added for the harness's own JVM (the suite runner, the report; run.sh adds them): C1 only.
     * The runner is not pinned, and C2 compiling its code for milliseconds at a time would take
     * the load generator's CPU as a case's measured interval begins (seen in a scheduler trace:
     * 3-4 ms slices). C1 alone compiles in microseconds, and the harness's work is light: the
     * report renders as fast.
     */
    public static final List<String> HARNESS = List.of("-XX:TieredStopAtLevel=1");

    private JvmFlags() {}
}
