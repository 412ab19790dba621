package dev.sockbench.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's clock tick ({@code USER_HZ}), the unit of the CPU times in {@code /proc/<pid>/stat}.
 * It is 100 per second on every mainstream Linux architecture; {@code getconf CLK_TCK} is asked
 * once in case this one differs.
 */
public final class ClockTicks {
    private static final long DEFAULT_PER_SEC = 100;
    private static volatile long perSec;

    private ClockTicks() {}

    /** Clock ticks per second. */
    public static long perSecond() {
        long value = perSec;
        if (value == 0) {
            value = ask();
            perSec = value;
        }
        return value;
    }

    /** Converts clock ticks to microseconds. */
    public static long toMicros(long ticks) {
        return ticks * 1_000_000L / perSecond();
    }

    private static long ask() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                long value = Long.parseLong(out);
                return value > 0 ? value : DEFAULT_PER_SEC;
            }
        } catch (IOException | NumberFormatException e) {
            // getconf is missing or said something unexpected: fall back to the usual value.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_PER_SEC;
    }
}
