package dev.sockbench.loadgen.check;

import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.IdleConnections;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.loadgen.engine.Ending;
import dev.sockbench.loadgen.engine.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Decides whether a run's numbers can be trusted, and says why not. A case is invalid when:
 *
 * <ul>
 *   <li>no request completed;
 *   <li>the achieved rate fell below {@link #MIN_ACHIEVED_FRACTION} of the target (paced shapes):
 *       the offered load was not the one asked for;
 *   <li>any error occurred (connect, read, write, timeout, verify);
 *   <li>the send lag exceeded its bound ({@link #lagBoundNs}) at any statistic the summary
 *       publishes — p50, p90, p99, p99.9 where enough requests were measured: the generator fell
 *       behind its own schedule, so part of the latency it reports is its own;
 *   <li>the busiest worker thread was busy {@link #MAX_BUSY_PERCENT}% or more of the measured
 *       interval: the generator's CPU was saturated and it, not the server, set the pace;
 *   <li>the interval ended early: every connection was lost, or the generator was interrupted;
 *   <li>a connection was lost at any time, the warm-up included (the load was not the one asked
 *       for), or requests of the interval were never sent;
 *   <li>the server closed idle connections;
 *   <li>more than {@link #MAX_LOSS_FRACTION} of the datagrams were lost: the numbers would then
 *       describe the losses (each holds a window slot until the timeout) more than the server.
 * </ul>
 *
 * <h2>The lag bound</h2>
 *
 * At each published statistic, {@code max(50 µs, 10% of the corrected latency there)}. 50 µs is
 * Linux's default timer slack: any thread that sleeps may wake that late, so lag below it is the
 * operating system's noise floor, not a generator falling behind. Above the floor, a lag within a
 * tenth of the value being reported cannot move it by more than a tenth.
 *
 * <p>The maximum is published but not checked. It is a single request, and on a shared or virtual
 * machine the scheduler stops any pinned thread for a millisecond or more several times a minute:
 * checking it would make every open-loop case invalid there for a cause no generator can remove.
 * The generator's send lag maximum is published beside the latency maximum, so a reader sees when
 * the maximum is the generator's own.
 *
 * <p>Datagram loss is not an error: it is what a datagram server does under load, counted in the
 * {@code udp} block, and a little of it leaves the case valid. Stateless.
 */
public final class SelfCheck {
    /** The achieved rate must be at least this fraction of the target. */
    public static final double MIN_ACHIEVED_FRACTION = 0.99;
    /** A worker busy this much of the time or more is saturated. */
    public static final double MAX_BUSY_PERCENT = 95.0;
    /** The lag bound's floor: Linux's default timer slack. */
    public static final long LAG_FLOOR_NS = 50_000;
    /** More than this fraction of the datagrams sent may not be lost. */
    public static final double MAX_LOSS_FRACTION = 0.01;
    /** The lag bound's share of the corrected latency at the same statistic, above the floor. */
    public static final double LAG_SHARE = 0.10;

    private SelfCheck() {}

    /** The send lag may not exceed this where the corrected latency is {@code correctedNs}. */
    public static long lagBoundNs(long correctedNs) {
        return Math.max(LAG_FLOOR_NS, Math.round(correctedNs * LAG_SHARE));
    }

    /** True when the generator itself held the run back: send lag over the bound, or a saturated thread. */
    public static boolean generatorLimited(LoadResult result) {
        return lagOverBound(result) != null || saturated(result);
    }

    /** True when the generator's busiest thread was busy {@link #MAX_BUSY_PERCENT}% of the interval or more. */
    public static boolean saturated(LoadResult result) {
        return result.busiestPercent() >= MAX_BUSY_PERCENT;
    }

    /**
     * The first published percentile at which the send lag exceeds its bound, as a reason; null when
     * none does. Percentiles without enough requests are not published, so not checked. The maximum
     * is not checked: it is one request, and one scheduler hiccup of the machine sets it (see the
     * class comment); the generator's send lag maximum is published beside it instead.
     */
    private static String lagOverBound(LoadResult result) {
        Histogram lag = result.sendLagNs();
        if (lag == null || lag.getTotalCount() == 0) {
            return null;
        }
        Histogram corrected = result.corrected();
        for (double p : Percentiles.PUBLISHED) {
            if (!Percentiles.measurable(lag.getTotalCount(), p)) {
                continue;
            }
            String over = over(Percentiles.label(p), lag.getValueAtPercentile(p), corrected.getValueAtPercentile(p));
            if (over != null) {
                return over + hostSteal(result.stealNs());
            }
        }
        return null;
    }

    /**
     * What the host took from the generator's CPUs in the interval, said after a lag reason: on a
     * virtual machine the hypervisor stops a vCPU for milliseconds, which no generator removes.
     */
    private static String hostSteal(long stealNs) {
        return stealNs > 0
                ? String.format(
                        Locale.ROOT,
                        " (its CPUs' steal time in the interval: %.0f ms; the host ran other work on them)",
                        stealNs / 1e6)
                : "";
    }

    private static String over(String statistic, long lagNs, long correctedNs) {
        long boundNs = lagBoundNs(correctedNs);
        return lagNs <= boundNs
                ? null
                : String.format(
                        Locale.ROOT,
                        "send lag %s %.1f us exceeds the bound %.1f us: the generator fell behind its schedule",
                        statistic,
                        lagNs / 1e3,
                        boundNs / 1e3);
    }

    /**
     * Why the run must not be trusted; empty when it can be.
     *
     * @param targetRatePerSec the rate asked for; null for closed shapes
     */
    public static List<String> reasons(LoadResult result, Double targetRatePerSec) {
        return reasons(result, targetRatePerSec, true, true, true);
    }

    /**
     * Why the closed-loop run that measures a capacity search's ceiling cannot bound it: the
     * reasons of {@link #reasons} but datagram loss (a closed loop of datagrams overruns the socket
     * buffers by design; its rate is still the most the server answered) and a saturated generator
     * (its rate is then the most the generator could offer: the search runs below it and says so,
     * see {@link #saturated}).
     */
    public static List<String> ceilingReasons(LoadResult result) {
        return reasons(result, null, true, false, false);
    }

    /**
     * {@link #reasons} but for the send lag, which a capacity step judges against its verdict
     * instead ({@link StepVerdict}).
     */
    static List<String> reasonsBesidesLag(LoadResult result, double targetRatePerSec) {
        return reasons(result, targetRatePerSec, false, true, true);
    }

    private static List<String> reasons(
            LoadResult result, Double targetRatePerSec, boolean checkLag, boolean checkLoss, boolean checkBusy) {
        List<String> reasons = new ArrayList<>();
        if (result.requests() == 0) {
            reasons.add("no request completed in the measured interval");
        }
        switch (result.ending()) {
            case ALL_CONNECTIONS_LOST ->
                reasons.add(String.format(
                        Locale.ROOT,
                        "every connection was lost %.1f s into the measured interval; the data up to then is kept",
                        result.measuredSec()));
            case INTERRUPTED ->
                reasons.add(String.format(
                        Locale.ROOT,
                        "interrupted %.1f s into the measured interval; the data up to then is kept",
                        result.measuredSec()));
            case COMPLETE -> {}
        }
        if (targetRatePerSec != null && result.achievedRatePerSec() < MIN_ACHIEVED_FRACTION * targetRatePerSec) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "achieved %.1f/s, below %.0f%% of the target %.1f/s",
                    result.achievedRatePerSec(),
                    MIN_ACHIEVED_FRACTION * 100,
                    targetRatePerSec));
        }
        ErrorCounts e = result.errors();
        if (e.total() > 0) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "%d errors (connect %d, read %d, write %d, timeout %d, verify %d)",
                    e.total(),
                    e.connect(),
                    e.read(),
                    e.write(),
                    e.timeout(),
                    e.verify()));
        }
        String lag = checkLag ? lagOverBound(result) : null;
        if (lag != null) {
            reasons.add(lag);
        }
        if (result.connectionsLost() > 0 && result.ending() != Ending.ALL_CONNECTIONS_LOST) {
            reasons.add(result.connectionsLost() + " of " + result.plan().connections()
                    + " connections lost (closed by the server or failed); the load was not the one asked for");
        }
        long unsent = result.accounting().unsent();
        if (unsent > 0) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "%d of %d requests of the interval were never sent (connection lost, or full until sending ended)",
                    unsent,
                    result.accounting().intended()));
        }
        if (checkBusy && saturated(result)) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "generator saturated: its busiest thread was busy %.0f%% of the time (limit %.0f%%)",
                    result.busiestPercent(),
                    MAX_BUSY_PERCENT));
        }
        DatagramCounts datagrams = result.datagrams();
        if (checkLoss && datagrams != null && datagrams.lost() > MAX_LOSS_FRACTION * datagrams.sent()) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "%d of %d datagrams lost (%.1f%%, more than %.0f%%)",
                    datagrams.lost(),
                    datagrams.sent(),
                    100.0 * datagrams.lost() / datagrams.sent(),
                    MAX_LOSS_FRACTION * 100));
        }
        IdleConnections idle = result.idle();
        if (idle != null && idle.openAtEnd() < idle.opened()) {
            reasons.add("the server closed " + (idle.opened() - idle.openAtEnd()) + " of " + idle.opened()
                    + " idle connections");
        }
        return reasons;
    }
}
