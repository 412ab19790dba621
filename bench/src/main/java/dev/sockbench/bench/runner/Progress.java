package dev.sockbench.bench.runner;

import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints one line as each case starts (with an estimate of the time left) and one as it ends
 * (achieved rate, p99, validity). The estimate is the remaining cases' warm-up and measured time
 * plus, per case, the mean overhead seen so far (JVM starts, connection set-up, stopping), which
 * starts at a guess. Single-threaded; the clock is injected so the estimate can be tested.
 */
final class Progress {
    /** Overhead per case before any has been seen: two JVM starts and a stop on a small machine. */
    static final long INITIAL_OVERHEAD_NS = 1_500_000_000L;

    private final List<SuiteCase> cases;
    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private int done;
    private long overheadSumNs;
    private long caseStartNs;

    /** @param cases the cases to be measured, in order */
    Progress(List<SuiteCase> cases, PrintWriter out, LongSupplier nanoClock) {
        this.cases = List.copyOf(cases);
        this.out = out;
        this.nanoClock = nanoClock;
    }

    /** The estimated time to run the cases not yet ended, ns. */
    long remainingNs() {
        long overheadNs = done == 0 ? INITIAL_OVERHEAD_NS : overheadSumNs / done;
        long remaining = 0;
        for (int i = done; i < cases.size(); i++) {
            remaining += cases.get(i).loadNs() + overheadNs;
        }
        return remaining;
    }

    /** The next case (the {@code done + 1}th) starts. */
    void started(SuiteCase c) {
        caseStartNs = nanoClock.getAsLong();
        out.printf(Locale.ROOT, "%s %s ... about %s left%n", prefix(), describe(c), formatDuration(remainingNs()));
        out.flush();
    }

    /** The case started last has ended. */
    void ended(SuiteCase c, CaseOutcome outcome) {
        long elapsedNs = nanoClock.getAsLong() - caseStartNs;
        overheadSumNs += Math.max(0, elapsedNs - c.loadNs());
        String result = outcome.entry().status() == CaseStatus.MEASURED
                ? measured(outcome.summary())
                : "FAILED: " + String.join("; ", outcome.entry().reasons());
        out.printf(Locale.ROOT, "%s %s: %s (%s)%n", prefix(), describe(c), result, formatDuration(elapsedNs));
        for (String warning : outcome.warnings()) {
            out.printf(Locale.ROOT, "%s   warning: %s%n", " ".repeat(prefix().length()), warning);
        }
        out.flush();
        done++;
    }

    private String prefix() {
        int width = Integer.toString(cases.size()).length();
        return String.format(Locale.ROOT, "[%" + width + "d/%d]", done + 1, cases.size());
    }

    private static String describe(SuiteCase c) {
        return c.model() + " " + c.transport().id() + " " + c.load().label();
    }

    private static String measured(CaseSummary s) {
        Double p99 = s.latencyUs().corrected().p99(); // null: too few requests to measure it
        String numbers = String.format(
                Locale.ROOT,
                "%s req/s, p99 %s",
                formatRate(s.load().achievedRatePerSec()),
                p99 == null ? "-" : formatMicros(p99));
        return s.valid() ? numbers + ", valid" : numbers + ", INVALID: " + String.join("; ", s.invalidReasons());
    }

    /** {@code 850}, {@code 12.3k}, {@code 1.25M}. */
    static String formatRate(double perSec) {
        if (perSec >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", perSec / 1e6);
        }
        if (perSec >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", perSec / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSec);
    }

    /** {@code 87 µs}, {@code 1.24 ms}, {@code 2.1 s}. */
    static String formatMicros(double us) {
        if (us >= 1e6) {
            return String.format(Locale.ROOT, "%.1f s", us / 1e6);
        }
        if (us >= 1e3) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f µs", us);
    }

    /** {@code 42s}, {@code 2m 05s}. */
    static String formatDuration(long ns) {
        long seconds = Math.round(ns / 1e9);
        if (seconds < 60) {
            return seconds + "s";
        }
        return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
}
