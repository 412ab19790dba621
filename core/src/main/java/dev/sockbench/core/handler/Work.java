package dev.sockbench.core.handler;

import dev.sockbench.core.cli.Units;
import java.util.concurrent.locks.LockSupport;

/**
 * Work a handler does per request besides decoding and encoding ({@code --work}): none, {@code
 * cpu=20us} (a busy computation calibrated to take that long on this machine, on the handling
 * thread) or {@code block=2ms} (the thread waits that long, as on a database: a platform thread
 * sleeps, a virtual thread parks and frees its carrier).
 *
 * @param kind none, cpu or block
 * @param nanos how long, ns; 0 for none
 */
public record Work(Kind kind, long nanos) {
    public static final Work NONE = new Work(Kind.NONE, 0);

    /** Longest work: a request that waits longer is not a request any more. */
    static final long MAX_NANOS = 1_000_000_000L;

    public enum Kind {
        NONE,
        CPU,
        BLOCK
    }

    public Work {
        if ((kind == Kind.NONE) != (nanos == 0) || nanos < 0 || nanos > MAX_NANOS) {
            throw new IllegalArgumentException("work of " + nanos + " ns is out of range (0 < work <= 1s)");
        }
    }

    /**
     * {@code none}, {@code cpu=DURATION} or {@code block=DURATION}, e.g. {@code cpu=20us}.
     *
     * @throws IllegalArgumentException one line saying what is accepted
     */
    public static Work parse(String text) {
        if (text.equalsIgnoreCase("none")) {
            return NONE;
        }
        int eq = text.indexOf('=');
        String forms = "expected none, cpu=DURATION or block=DURATION, e.g. cpu=20us or block=2ms (at most 1s)";
        if (eq < 0) {
            throw new IllegalArgumentException("malformed work '" + text + "'; " + forms);
        }
        Kind kind =
                switch (text.substring(0, eq).toLowerCase(java.util.Locale.ROOT)) {
                    case "cpu" -> Kind.CPU;
                    case "block" -> Kind.BLOCK;
                    default -> throw new IllegalArgumentException("malformed work '" + text + "'; " + forms);
                };
        long ns;
        try {
            ns = Units.parseDurationNs(text.substring(eq + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed work '" + text + "'; " + forms, e);
        }
        if (ns <= 0 || ns > MAX_NANOS) {
            throw new IllegalArgumentException("malformed work '" + text + "'; " + forms);
        }
        return new Work(kind, ns);
    }

    /** The form {@link #parse} reads back, e.g. {@code cpu=20us}. */
    public String text() {
        return kind == Kind.NONE
                ? "none"
                : kind.name().toLowerCase(java.util.Locale.ROOT) + "=" + Units.formatDurationNs(nanos);
    }

    /** Calibrates the busy loop now (about 0.1 s, once per process) rather than on the first request. */
    public void prepare() {
        if (kind == Kind.CPU) {
            Spin.calibrated();
        }
    }

    /** Does the work on the calling thread. */
    public void perform() {
        switch (kind) {
            case NONE -> {}
            case CPU -> Spin.spin(Spin.iterationsFor(nanos));
            case BLOCK -> {
                long deadline = System.nanoTime() + nanos;
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(left); // a virtual thread parks: its carrier serves others meanwhile
                }
            }
        }
    }

    @Override
    public String toString() {
        return text();
    }

    /** The busy computation: a xorshift chain the JIT cannot skip, timed once to find its speed. */
    static final class Spin {
        private static volatile long sink;
        private static volatile double nsPerIteration;

        private Spin() {}

        static void spin(long iterations) {
            long x = 0x9E3779B97F4A7C15L ^ iterations;
            for (long i = 0; i < iterations; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            sink = x;
        }

        static long iterationsFor(long nanos) {
            return Math.max(1, Math.round(nanos / calibrated()));
        }

        /** ns per iteration: the fastest of several timed runs after a warm-up (the JIT compiles it first). */
        static synchronized double calibrated() {
            if (nsPerIteration > 0) {
                return nsPerIteration;
            }
            long iterations = 200_000;
            for (int i = 0; i < 20; i++) {
                spin(iterations); // warm-up
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 7; i++) {
                long start = System.nanoTime();
                spin(iterations);
                best = Math.min(best, (double) (System.nanoTime() - start) / iterations);
            }
            nsPerIteration = Math.max(best, 0.01);
            return nsPerIteration;
        }
    }
}
