package dev.sockbench.loadgen.pacing;

/**
 * A monotonic nanosecond clock, injectable so that timing logic is tested with a clock the test
 * moves. Production code uses {@link #SYSTEM}. Values only have meaning relative to each other,
 * as with {@link System#nanoTime()}. Implementations must be monotonic and thread-safe.
 */
@FunctionalInterface
public interface NanoClock {
    /** {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** The current time, ns. */
    long nanoTime();
}
