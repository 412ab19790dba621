package dev.sockbench.bench.runner;

import dev.sockbench.bench.runner.Trials.Step;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints one line as each case (or trial) starts, with an estimate of the time left, and one as it
 * ends (achieved rate, p99, validity). The estimate is the remaining steps' warm-up and measured
 * time plus, per step, the mean overhead seen so far (JVM starts, connection set-up, stopping),
 * which starts at a guess. On a terminal (and not under {@code CI=true}) the start line is a live
 * bar instead, redrawn in place every second, which the end lines scroll above. The clock is
 * injected so the estimate can be tested; the run's thread and the bar's timer share the writer
 * under this object's lock.
 */
final class Progress implements AutoCloseable {
    /** Overhead per case before any has been seen: two JVM starts and a stop on a small machine. */
    static final long INITIAL_OVERHEAD_NS = 1_500_000_000L;

    private static final int BAR_WIDTH = 24;
    private static final String CLEAR_LINE = "\r\033[K";

    private final List<Step> steps;
    private final int trials;
    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService ticker;
    private int done;
    private long overheadSumNs;
    private long caseStartNs;
    private Step current;

    /**
     * @param steps the cases (trials) to be measured, in order
     * @param trials how many trials each case runs
     * @param live a live bar (a terminal) rather than plain lines
     */
    Progress(List<Step> steps, int trials, PrintWriter out, LongSupplier nanoClock, boolean live) {
        this.steps = List.copyOf(steps);
        this.trials = trials;
        this.out = out;
        this.nanoClock = nanoClock;
        this.ticker = live
                ? Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().factory())
                : null;
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Progress on {@code out}: a live bar when this process writes to a terminal and CI is not set, else lines. */
    static Progress create(List<Step> steps, int trials, PrintWriter out, LongSupplier nanoClock) {
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal() && !"true".equalsIgnoreCase(System.getenv("CI"));
        return new Progress(steps, trials, out, nanoClock, terminal);
    }

    /** The estimated time to run the steps not yet ended, ns, the one in progress counted whole. */
    synchronized long remainingNs() {
        long overheadNs = done == 0 ? INITIAL_OVERHEAD_NS : overheadSumNs / done;
        long remaining = 0;
        for (int i = done; i < steps.size(); i++) {
            remaining += steps.get(i).c().loadNs() + overheadNs;
        }
        return remaining;
    }

    /** The next step (the {@code done + 1}th) starts. */
    synchronized void started(Step step) {
        caseStartNs = nanoClock.getAsLong();
        current = step;
        if (ticker != null) {
            redraw();
        } else {
            out.printf(
                    Locale.ROOT, "%s %s ... about %s left%n", prefix(), describe(step), formatDuration(remainingNs()));
            out.flush();
        }
    }

    /** The step started last has ended. */
    synchronized void ended(Step step, CaseOutcome outcome) {
        long elapsedNs = nanoClock.getAsLong() - caseStartNs;
        overheadSumNs += Math.max(0, elapsedNs - step.c().loadNs());
        String result = outcome.entry().status() == CaseStatus.MEASURED
                ? measured(outcome.summary())
                : "FAILED: " + String.join("; ", outcome.entry().reasons());
        if (ticker != null) {
            out.print(CLEAR_LINE);
        }
        out.printf(Locale.ROOT, "%s %s: %s (%s)%n", prefix(), describe(step), result, formatDuration(elapsedNs));
        for (String warning : outcome.warnings()) {
            out.printf(Locale.ROOT, "%s   warning: %s%n", " ".repeat(prefix().length()), warning);
        }
        out.flush();
        current = null;
        done++;
    }

    /** Stops the live bar and clears its line; plain lines need nothing. Idempotent. */
    @Override
    public synchronized void close() {
        if (ticker != null && !ticker.isShutdown()) {
            ticker.shutdownNow();
            out.print(CLEAR_LINE);
            out.flush();
        }
    }

    /** The bar, e.g. {@code [=====>      ] 3/12 nio-epoll tcp closed-c8 trial 2/3, about 1m 05s left}. */
    private synchronized void redraw() {
        if (current == null || ticker.isShutdown()) {
            return;
        }
        long elapsedNs = nanoClock.getAsLong() - caseStartNs;
        long overheadNs = done == 0 ? INITIAL_OVERHEAD_NS : overheadSumNs / done;
        long leftNs = remainingNs() - Math.min(elapsedNs, current.c().loadNs() + overheadNs);
        int filled = steps.isEmpty() ? BAR_WIDTH : BAR_WIDTH * done / steps.size();
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        out.printf(
                Locale.ROOT,
                "%s[%s] %d/%d %s, about %s left",
                CLEAR_LINE,
                bar,
                done + 1,
                steps.size(),
                describe(current),
                formatDuration(Math.max(0, leftNs)));
        out.flush();
    }

    private String prefix() {
        int width = Integer.toString(steps.size()).length();
        return String.format(Locale.ROOT, "[%" + width + "d/%d]", done + 1, steps.size());
    }

    private String describe(Step step) {
        SuiteCase c = step.c();
        String what = c.model() + " " + c.transport().id() + " " + c.load().label();
        return trials == 1 ? what : what + " trial " + step.trial() + "/" + trials;
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
