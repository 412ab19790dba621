package dev.sockbench.report.claims;

import dev.sockbench.core.result.SyscallCounts;
import dev.sockbench.report.cases.Formats;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.chart.AnswerChart;
import dev.sockbench.report.chart.ScalingChart;
import dev.sockbench.report.chart.StackedBarChart;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The textbook claims about I/O models (issue 15, from the notes the project grew from), each
 * judged from a run's cases alone: the cases a claim needs are found by what they measured (shape,
 * transport, models, load), whatever suite ran them — the bundled {@code claims} suite has them
 * all. A verdict is computed from the numbers with the margins named here, never taken from the
 * notes; a claim with no cases is {@link Verdict#NOT_MEASURED}.
 *
 * <p>Margins: a model "beats" another when its figure is better by {@link #MARGIN} (5%): on a
 * shared 2-core machine smaller differences are noise. A cost "grows" when it is {@link #GROWS}
 * times (1.5×) its value at the fewest descriptors; poll/select "cost more" than epoll from
 * {@link #COSTS_MORE} (1.2×) on.
 */
public final class Claims {
    static final double MARGIN = 0.05;
    static final double GROWS = 1.5;
    static final double COSTS_MORE = 1.2;

    static final String POLL = "ffm-poll";
    static final String EPOLL = "ffm-epoll-lt";
    static final String PLATFORM = "blocking-platform";
    static final String POOL = "blocking-pool";
    static final String ET_NO_DRAIN = "ffm-epoll-et-nodrain";
    static final String LT_NO_DRAIN = "ffm-epoll-lt-nodrain";
    static final List<String> SCANNING = List.of("ffm-select", "ffm-poll", "nio-poll");
    static final List<String> EPOLLS = List.of("ffm-epoll-lt", "ffm-epoll-et", "nio-epoll", "netty-epoll-lt");
    static final List<String> THREADS = List.of("blocking-platform", "blocking-virtual");
    static final List<String> ONE_LOOP = List.of("ffm-epoll-lt", "nio-epoll");
    static final List<String> SINGLE_LOOPS = List.of("ffm-poll", "ffm-epoll-lt");
    static final Set<String> WAIT_CALLS =
            Set.of("epoll_wait", "epoll_pwait", "epoll_pwait2", "poll", "ppoll", "select", "pselect6");
    static final Set<String> READ_CALLS = Set.of("read", "recvfrom", "readv", "recvmsg", "recvmmsg");
    static final Set<String> WRITE_CALLS = Set.of("write", "sendto", "writev", "sendmsg", "sendmmsg");

    private Claims() {}

    /** Every claim, in the page's order, judged from {@code cases}. */
    public static List<ClaimResult> evaluate(List<ReportCase> cases) {
        List<Evidence> measured = cases.stream()
                .filter(c -> c.summary() != null)
                .map(Evidence::of)
                .toList();
        List<Evidence> timed = measured.stream().filter(e -> !e.traced()).toList();
        return List.of(
                descriptors(timed),
                threadsAgainstOneLoop(timed),
                manyActive(timed),
                edgeWithoutDraining(cases, timed),
                unixAgainstTcp(timed),
                datagramsAgainstStreams(timed),
                syscalls(measured.stream().filter(Evidence::traced).toList()));
    }

    /** True when any claim has evidence in {@code cases}: the report then has a claims page. */
    public static boolean any(List<ClaimResult> claims) {
        return claims.stream().anyMatch(c -> c.verdict() != Verdict.NOT_MEASURED);
    }

    // (a) ------------------------------------------------------------------------------------

    static ClaimResult descriptors(List<Evidence> timed) {
        String id = "descriptors";
        String title = "Descriptors watched: select and poll against epoll";
        String claim = "select(2) and poll(2) slow down linearly with the descriptors they watch, epoll(7) does not;"
                + " select watches at most 1,024 (FD_SETSIZE).";
        Map<String, TreeMap<Integer, Evidence>> byModel =
                byModel(timed, e -> e.shape().equals("idle") && e.transport().equals("tcp"), Evidence::idle);
        String scan = byModel.containsKey(POLL) ? POLL : "nio-poll";
        String epoll = byModel.containsKey(EPOLL) ? EPOLL : "nio-epoll";
        if (!twoPoints(byModel, scan) || !twoPoints(byModel, epoll)) {
            return ClaimResult.notMeasured(
                    id,
                    title,
                    claim,
                    "needs idle-shape cases on TCP at two or more idle counts for a poll and an epoll model");
        }
        TreeSet<Integer> counts = new TreeSet<>();
        byModel.values().forEach(m -> counts.addAll(m.keySet()));
        List<String> headers = new ArrayList<>(List.of("model"));
        counts.forEach(n -> headers.add(Formats.integer(n) + " idle: CPU µs/req · p99"));
        headers.add("CPU growth");
        List<List<String>> rows = new ArrayList<>();
        List<ScalingChart.Line> lines = new ArrayList<>();
        for (var m : byModel.entrySet()) {
            List<String> row = new ArrayList<>(List.of(m.getKey()));
            List<ScalingChart.Point> points = new ArrayList<>();
            for (int n : counts) {
                Evidence e = m.getValue().get(n);
                row.add(
                        e == null
                                ? "—"
                                : Formats.micros(e.cpuPerRequest()) + " · " + Formats.micros(e.p99()) + " µs"
                                        + (e.valid() ? "" : " (invalid)"));
                if (e != null) {
                    points.add(new ScalingChart.Point(n, e.p99(), e.cpuPerRequest()));
                }
            }
            row.add(times(growth(m.getValue())));
            rows.add(row);
            lines.add(new ScalingChart.Line(m.getKey(), m.getKey(), points));
        }
        double scanGrowth = growth(byModel.get(scan));
        double epollGrowth = growth(byModel.get(epoll));
        int fewest = byModel.get(scan).firstKey();
        int most = byModel.get(scan).lastKey();
        Integer crossover = null;
        for (int n : byModel.get(scan).keySet()) {
            Evidence s = byModel.get(scan).get(n);
            Evidence e = byModel.get(epoll).get(n);
            if (e == null || s.cpuPerRequest() == null || e.cpuPerRequest() == null) {
                continue;
            }
            if (s.cpuPerRequest() >= COSTS_MORE * e.cpuPerRequest()) {
                crossover = crossover == null ? n : crossover;
            } else {
                crossover = null; // must stay above from the crossover on
            }
        }
        double slope = (cpu(byModel.get(scan).lastEntry().getValue())
                        - cpu(byModel.get(scan).firstEntry().getValue()))
                / (most - fewest)
                * 1000;
        String numbers = String.format(
                Locale.ROOT,
                "%s: CPU per request ×%.1f from %s to %s idle descriptors (%s µs more per 1,000 watched); %s: ×%.1f.",
                scan,
                scanGrowth,
                Formats.integer(fewest),
                Formats.integer(most),
                Formats.micros(slope),
                epoll,
                epollGrowth);
        StringBuilder scanners = new StringBuilder();
        for (String m : SCANNING) {
            if (!m.equals(scan) && twoPoints(byModel, m)) {
                scanners.append(String.format(
                        Locale.ROOT,
                        " %s: ×%.1f up to %s.",
                        m,
                        growth(byModel.get(m)),
                        Formats.integer(byModel.get(m).lastKey())));
            }
        }
        long invalid = byModel.values().stream()
                .flatMap(m -> m.values().stream())
                .filter(e -> !e.valid())
                .count();
        if (invalid > 0) {
            scanners.append(" ")
                    .append(invalid)
                    .append(" of these cases are invalid (most often the load generator")
                    .append(" fell behind, or the server could not keep the rate); the CPU per request is the server's")
                    .append(" own and is what the verdict reads.");
        }
        String select = byModel.containsKey("ffm-select")
                ? " ffm-select was measured up to "
                        + Formats.integer(byModel.get("ffm-select").lastKey())
                        + " idle: beyond FD_SETSIZE it closes the connection and counts it."
                : "";
        Verdict verdict;
        String finding;
        if (scanGrowth < GROWS) {
            verdict = Verdict.DOES_NOT_HOLD;
            finding = "poll's cost did not grow with the descriptors watched. " + numbers;
        } else if (epollGrowth >= GROWS) {
            verdict = Verdict.PARTLY;
            finding = "poll's cost grows with the descriptors watched, but so does epoll's. " + numbers;
        } else if (crossover == null) {
            verdict = Verdict.DOES_NOT_HOLD;
            finding = "poll's cost grows but never stays " + times(COSTS_MORE) + " above epoll's. " + numbers;
        } else if (crossover == fewest) {
            verdict = Verdict.HOLDS;
            finding = "poll costs more than epoll at every count measured and grows with it; epoll stays flat. "
                    + numbers;
        } else {
            verdict = Verdict.HOLDS_IN_RANGE;
            finding = "from about " + Formats.integer(crossover) + " idle descriptors on, poll costs "
                    + times(COSTS_MORE) + " epoll's or more; below that they are within " + times(COSTS_MORE)
                    + " of each other. " + numbers;
        }
        return new ClaimResult(
                id,
                title,
                claim,
                verdict,
                finding + scanners + select,
                headers,
                rows,
                new ClaimResult.Lines(
                        "Descriptors watched: p99 and server CPU per request", ScalingChart.Axis.DESCRIPTORS, lines));
    }

    // (b) ------------------------------------------------------------------------------------

    static ClaimResult threadsAgainstOneLoop(List<Evidence> timed) {
        String id = "threads";
        String title = "Few connections: a thread per connection against one multiplexing thread";
        String claim = "With few connections, a thread per connection with blocking I/O beats multiplexing: one"
                + " system call per read instead of two (select/poll/epoll, then read).";
        Map<String, TreeMap<Integer, Evidence>> byModel = byModel(
                timed,
                e -> e.shape().equals("closed")
                        && e.transport().equals("tcp")
                        && e.payloadBytes() == 64
                        && (THREADS.contains(e.model()) || ONE_LOOP.contains(e.model())),
                Evidence::connections);
        String loop = byModel.containsKey(EPOLL) ? EPOLL : "nio-epoll";
        if (!twoPoints(byModel, PLATFORM) || !twoPoints(byModel, loop)) {
            return ClaimResult.notMeasured(
                    id,
                    title,
                    claim,
                    "needs closed-loop TCP cases of blocking-platform and an epoll model at two or more connection counts");
        }
        List<String> headers = List.of("connections", "model", "rate (req/s)", "p50 (µs)", "p99 (µs)", "CPU (µs/req)");
        List<List<String>> rows = new ArrayList<>();
        List<ScalingChart.Line> lines = new ArrayList<>();
        TreeSet<Integer> counts = new TreeSet<>();
        byModel.values().forEach(m -> counts.addAll(m.keySet()));
        for (int n : counts) {
            for (var m : byModel.entrySet()) {
                Evidence e = m.getValue().get(n);
                if (e != null) {
                    rows.add(List.of(
                            Integer.toString(n),
                            m.getKey(),
                            Formats.rate(e.rate()),
                            Formats.micros(e.p50()),
                            Formats.micros(e.p99()),
                            Formats.micros(e.cpuPerRequest())));
                }
            }
        }
        byModel.forEach((model, points) -> lines.add(new ScalingChart.Line(
                model,
                model,
                points.entrySet().stream()
                        .map(p -> new ScalingChart.Point(
                                p.getKey(), p.getValue().p99(), p.getValue().cpuPerRequest()))
                        .toList())));
        List<Integer> shared = byModel.get(PLATFORM).keySet().stream()
                .filter(byModel.get(loop)::containsKey)
                .toList();
        Integer crossover = null;
        StringBuilder ratios = new StringBuilder();
        for (int n : shared) {
            double ratio = byModel.get(PLATFORM).get(n).rate()
                    / byModel.get(loop).get(n).rate();
            ratios.append(ratios.isEmpty() ? "" : ", ").append(n).append(": ").append(times(ratio));
            if (crossover == null && ratio < 1 + MARGIN) {
                crossover = n;
            }
        }
        String numbers = " Rate of " + PLATFORM + " over " + loop + " by connections (closed loop: more requests per"
                + " second is a shorter mean round trip) — " + ratios + ".";
        Verdict verdict;
        String finding;
        if (crossover != null && crossover.equals(shared.getFirst())) {
            verdict = Verdict.DOES_NOT_HOLD;
            finding = "at " + connections(crossover) + " the thread per connection" + " was not ahead of one " + loop
                    + " thread by " + percent(MARGIN) + " or more.";
        } else if (crossover == null) {
            verdict = Verdict.HOLDS;
            finding = "a thread per connection was ahead at every count measured, up to " + shared.getLast()
                    + ": no crossover in this range.";
        } else {
            verdict = Verdict.HOLDS_IN_RANGE;
            int before = shared.get(shared.indexOf(crossover) - 1);
            finding = "a thread per connection is ahead up to " + connections(before) + "; from " + crossover
                    + " on, one " + loop + " thread is as fast or faster (crossover between " + before + " and "
                    + crossover + ").";
        }
        return new ClaimResult(
                id,
                title,
                claim,
                verdict,
                finding + numbers,
                headers,
                rows,
                new ClaimResult.Lines(
                        "Active connections: p99 and server CPU per request",
                        ScalingChart.Axis.ACTIVE_CONNECTIONS,
                        lines));
    }

    // (c) ------------------------------------------------------------------------------------

    static ClaimResult manyActive(List<Evidence> timed) {
        String id = "many-active";
        String title = "Many active connections: a thread pool against one poll or epoll loop";
        String claim = "Many idle connections: epoll and one thread; many active connections: a thread pool with poll.";
        List<Evidence> candidates = timed.stream()
                .filter(e -> e.shape().equals("closed")
                        && e.transport().equals("tcp")
                        && e.payloadBytes() == 64
                        && e.connections() >= 128)
                .toList();
        Integer n = candidates.stream()
                .filter(e -> e.model().equals(POOL))
                .map(Evidence::connections)
                .max(Integer::compare)
                .orElse(null);
        List<Evidence> at = n == null
                ? List.of()
                : candidates.stream().filter(e -> e.connections() == n).toList();
        Evidence pool = first(at, POOL);
        Evidence bestLoop = at.stream()
                .filter(e -> SINGLE_LOOPS.contains(e.model()))
                .max((a, b) -> Double.compare(a.rate(), b.rate()))
                .orElse(null);
        if (pool == null || bestLoop == null) {
            return ClaimResult.notMeasured(
                    id,
                    title,
                    claim,
                    "needs closed-loop TCP cases of blocking-pool and ffm-poll or ffm-epoll-lt at 128 or more connections");
        }
        List<String> headers = List.of("model", "rate (req/s)", "p50 (µs)", "p99 (µs)", "CPU (µs/req)", "status");
        List<List<String>> rows = new ArrayList<>();
        List<AnswerChart.Bar> bars = new ArrayList<>();
        for (Evidence e : at) {
            rows.add(row(e));
            bars.add(new AnswerChart.Bar(e.model(), e.rate(), orZero(e.cpuPerRequest())));
        }
        double ratio = pool.rate() / bestLoop.rate();
        String numbers = String.format(
                Locale.ROOT,
                " At %d active connections %s served %s req/s, %s (the better" + " single loop) %s req/s: ×%.2f.",
                n,
                POOL,
                Formats.rate(pool.rate()),
                bestLoop.model(),
                Formats.rate(bestLoop.rate()),
                ratio);
        Verdict verdict;
        String finding;
        if (ratio >= 1 + MARGIN) {
            verdict = Verdict.HOLDS;
            finding = "the thread pool served more than one loop thread.";
        } else if (ratio <= 1 - MARGIN) {
            verdict = Verdict.DOES_NOT_HOLD;
            finding = "one loop thread served more than the thread pool.";
        } else {
            verdict = Verdict.DOES_NOT_HOLD;
            finding = "the thread pool and one loop thread served the same within " + percent(MARGIN) + ".";
        }
        Evidence multi = first(at, "nio-multi");
        String perCore =
                multi == null ? "" : " A loop per core (nio-multi) served " + Formats.rate(multi.rate()) + " req/s.";
        return new ClaimResult(
                id,
                title,
                claim,
                verdict,
                finding + numbers + perCore,
                headers,
                rows,
                new ClaimResult.Bars("Many active connections (" + n + "): rate and server CPU", "rate (req/s)", bars));
    }

    // (d) ------------------------------------------------------------------------------------

    static ClaimResult edgeWithoutDraining(List<ReportCase> cases, List<Evidence> timed) {
        String id = "edge-triggered";
        String title = "Edge-triggered without draining";
        String claim = "Edge-triggered epoll notifies once per change: a handler that does not read to EAGAIN"
                + " stalls, while level-triggered notifies again.";
        ReportCase et = cases.stream()
                .filter(c -> c.model().equals(ET_NO_DRAIN))
                .findFirst()
                .orElse(null);
        Evidence lt = first(timed, LT_NO_DRAIN);
        if (et == null || lt == null) {
            return ClaimResult.notMeasured(
                    id,
                    title,
                    claim,
                    "needs cases of the test-only models ffm-epoll-et-nodrain and ffm-epoll-lt-nodrain");
        }
        // A stall: the generator's probe request got no echo within its timeout (the case then fails
        // before it runs), or the run answered (almost) nothing.
        boolean etStalled;
        String etText;
        List<AnswerChart.Bar> bars = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        if (et.summary() == null) {
            String reason = String.join("; ", et.reasons());
            etStalled = et.status() == ReportStatus.FAILED && reason.contains("no echo");
            etText = "its case failed, " + reason;
            rows.add(List.of(ET_NO_DRAIN, "0", "—", et.status().id() + ": " + reason));
            bars.add(new AnswerChart.Bar(ET_NO_DRAIN, 0, 0));
        } else {
            Evidence e = Evidence.of(et);
            etStalled = e.answered() <= 0.01 * Math.max(1, e.intended());
            etText = e.answered() + " of " + e.intended() + " requests answered";
            rows.add(List.of(
                    ET_NO_DRAIN,
                    Formats.rate(e.rate()),
                    e.answered() + " / " + e.intended(),
                    et.status().id()));
            bars.add(new AnswerChart.Bar(ET_NO_DRAIN, e.rate(), orZero(e.cpuPerRequest())));
        }
        boolean ltServed = lt.answered() >= 0.99 * lt.intended() && lt.intended() > 0;
        rows.add(List.of(
                LT_NO_DRAIN,
                Formats.rate(lt.rate()),
                lt.answered() + " / " + lt.intended(),
                lt.c().status().id()));
        bars.add(new AnswerChart.Bar(LT_NO_DRAIN, lt.rate(), orZero(lt.cpuPerRequest())));
        Evidence drained = first(
                timed.stream()
                        .filter(e -> e.payloadBytes() == lt.payloadBytes())
                        .toList(),
                "ffm-epoll-et");
        if (drained != null) {
            rows.add(List.of(
                    "ffm-epoll-et (drains)",
                    Formats.rate(drained.rate()),
                    drained.answered() + " / " + drained.intended(),
                    drained.c().status().id()));
            bars.add(new AnswerChart.Bar("ffm-epoll-et", drained.rate(), orZero(drained.cpuPerRequest())));
        }
        String numbers = " Both read at most 16 bytes per notification. Edge-triggered: " + etText
                + "; level-triggered: " + lt.answered() + " of " + lt.intended() + " answered, "
                + Formats.rate(lt.rate()) + " req/s.";
        Verdict verdict = etStalled && ltServed ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
        String finding = verdict == Verdict.HOLDS
                ? "the edge-triggered handler stalled on its first request within the timeout; the level-triggered"
                        + " one was notified again until it had read every byte."
                : "the expected stall and recovery were not both seen.";
        return new ClaimResult(
                id,
                title,
                claim,
                verdict,
                finding + numbers,
                List.of("model", "rate (req/s)", "answered / intended", "status"),
                rows,
                new ClaimResult.Bars("Edge- and level-triggered without draining: rate served", "rate (req/s)", bars));
    }

    // (e) ------------------------------------------------------------------------------------

    static ClaimResult unixAgainstTcp(List<Evidence> timed) {
        return transports(
                timed,
                "unix",
                "Unix stream against TCP loopback",
                "Unix domain sockets beat TCP loopback: they skip the TCP/IP stack.",
                List.<String[]>of(new String[] {"unix-stream", "tcp"}));
    }

    static ClaimResult datagramsAgainstStreams(List<Evidence> timed) {
        return transports(
                timed,
                "datagrams",
                "Datagrams against streams",
                "Datagrams are the simpler, cheaper way (no connection, no framing): UDP against TCP, Unix datagrams"
                        + " against Unix stream.",
                List.of(new String[] {"udp", "tcp"}, new String[] {"unix-dgram", "unix-stream"}));
    }

    /**
     * Transport {@code pair[0]} against {@code pair[1]} for every model measured on both: at one
     * open-loop rate (p50 and CPU per request) and in a closed loop on the same connections (rate
     * and CPU per request). Only valid cases are compared: an invalid one (say the generator fell
     * behind) is shown, not judged.
     */
    private static ClaimResult transports(
            List<Evidence> timed, String id, String title, String claim, List<String[]> pairs) {
        List<Evidence> open = timed.stream()
                .filter(e -> e.shape().equals("open") && e.idle() == 0)
                .toList();
        List<Evidence> closed = timed.stream()
                .filter(e -> e.shape().equals("closed") && e.payloadBytes() == 64 && e.connections() == 4)
                .toList();
        List<String> headers = List.of(
                "model",
                "transport",
                "open: p50 (µs)",
                "open: CPU (µs/req)",
                "closed: rate (req/s)",
                "closed: CPU (µs/req)");
        List<List<String>> rows = new ArrayList<>();
        List<AnswerChart.Bar> bars = new ArrayList<>();
        int better = 0;
        int compared = 0;
        List<String> numbers = new ArrayList<>();
        Set<String> models = new TreeSet<>();
        open.forEach(e -> models.add(e.model()));
        closed.forEach(e -> models.add(e.model()));
        for (String model : models) {
            for (String[] pair : pairs) {
                Evidence oa = find(open, model, pair[0]);
                Evidence ob = find(open, model, pair[1]);
                Evidence ca = find(closed, model, pair[0]);
                Evidence cb = find(closed, model, pair[1]);
                boolean openPair =
                        oa != null && ob != null && java.util.Objects.equals(oa.targetRate(), ob.targetRate());
                boolean closedPair = ca != null && cb != null;
                if (!openPair && !closedPair) {
                    continue;
                }
                for (String t : pair) {
                    Evidence o = openPair ? (t.equals(pair[0]) ? oa : ob) : null;
                    Evidence c = closedPair ? (t.equals(pair[0]) ? ca : cb) : null;
                    rows.add(List.of(
                            model,
                            t,
                            o == null ? "—" : Formats.micros(o.p50()) + flag(o),
                            o == null ? "—" : Formats.micros(o.cpuPerRequest()) + flag(o),
                            c == null ? "—" : Formats.rate(c.rate()) + flag(c),
                            c == null ? "—" : Formats.micros(c.cpuPerRequest()) + flag(c)));
                    bars.add(new AnswerChart.Bar(
                            model + " · " + t, c == null ? 0 : c.rate(), c == null ? 0 : orZero(c.cpuPerRequest())));
                }
                List<String> said = new ArrayList<>();
                if (openPair && oa.valid() && ob.valid()) {
                    int[] r = {0, 0};
                    judge(r, oa.p50(), ob.p50(), false);
                    judge(r, oa.cpuPerRequest(), ob.cpuPerRequest(), false);
                    better += r[0];
                    compared += r[1];
                    said.add("at " + Formats.rate(oa.targetRate()) + " req/s p50 " + Formats.micros(oa.p50())
                            + " against " + Formats.micros(ob.p50()) + " µs, CPU " + Formats.micros(oa.cpuPerRequest())
                            + " against " + Formats.micros(ob.cpuPerRequest()) + " µs/req");
                }
                if (closedPair && ca.valid() && cb.valid()) {
                    int[] r = {0, 0};
                    judge(r, ca.rate(), cb.rate(), true);
                    judge(r, ca.cpuPerRequest(), cb.cpuPerRequest(), false);
                    better += r[0];
                    compared += r[1];
                    said.add("closed loop " + Formats.rate(ca.rate()) + " against " + Formats.rate(cb.rate())
                            + " req/s, CPU " + Formats.micros(ca.cpuPerRequest()) + " against "
                            + Formats.micros(cb.cpuPerRequest()) + " µs/req");
                }
                if (!said.isEmpty()) {
                    numbers.add(model + ", " + pair[0] + " against " + pair[1] + ": " + String.join("; ", said));
                }
            }
        }
        if (compared == 0) {
            return ClaimResult.notMeasured(
                    id,
                    title,
                    claim,
                    "needs valid cases of one model on both transports of a pair, at the same open-loop rate or in"
                            + " the same closed loop");
        }
        Verdict verdict = better == compared ? Verdict.HOLDS : better == 0 ? Verdict.DOES_NOT_HOLD : Verdict.PARTLY;
        String finding = better + " of " + compared + " comparisons of valid cases (p50 and CPU per request at the"
                + " same rate; rate and CPU per request in the same closed loop) better by " + percent(MARGIN)
                + " or more. " + String.join(". ", numbers) + ".";
        return new ClaimResult(
                id,
                title,
                claim,
                verdict,
                finding,
                headers,
                rows,
                new ClaimResult.Bars(title + ": closed-loop rate and CPU per request", "closed loop (req/s)", bars));
    }

    /** Counts one comparison in {@code r} ({better, compared}): {@code a} better than {@code b} by the margin. */
    private static void judge(int[] r, Double a, Double b, boolean higherIsBetter) {
        if (a == null || b == null) {
            return;
        }
        r[1]++;
        boolean wins = higherIsBetter ? a >= (1 + MARGIN) * b : a <= (1 - MARGIN) * b;
        r[0] += wins ? 1 : 0;
    }

    /** A figure of an invalid case is shown, marked, not judged. */
    private static String flag(Evidence e) {
        return e.valid() ? "" : " (invalid)";
    }

    // system calls -------------------------------------------------------------------------------

    static ClaimResult syscalls(List<Evidence> traced) {
        String id = "syscalls";
        String title = "System calls per request";
        String claim = "Multiplexing costs two system calls per read (select/poll/epoll_wait, then read) where"
                + " blocking I/O costs one.";
        Evidence blocking = first(traced, PLATFORM);
        Evidence mux = first(traced, EPOLL);
        if (traced.isEmpty()) {
            return ClaimResult.notMeasured(
                    id, title, claim, "needs cases with syscalls: true (strace attached in the measured interval)");
        }
        List<String> headers = List.of(
                "model", "wait", "read", "write", "other", "calls per read", "window (s)", "rate under strace (req/s)");
        List<List<String>> rows = new ArrayList<>();
        List<StackedBarChart.Part> parts = new ArrayList<>();
        for (Evidence e : traced) {
            SyscallCounts counts = e.syscalls().orElseThrow();
            double wait = counts.perRequest(e.rate(), WAIT_CALLS.toArray(String[]::new));
            double read = counts.perRequest(e.rate(), READ_CALLS.toArray(String[]::new));
            double write = counts.perRequest(e.rate(), WRITE_CALLS.toArray(String[]::new));
            double all = counts.perRequest(e.rate(), counts.calls().keySet().toArray(String[]::new));
            double other = all - wait - read - write;
            rows.add(List.of(
                    e.model(),
                    Formats.ratio(wait),
                    Formats.ratio(read),
                    Formats.ratio(write),
                    Formats.ratio(other),
                    Formats.ratio((wait + read) / read),
                    String.format(Locale.ROOT, "%.2f", counts.windowSec()),
                    Formats.rate(e.rate())));
            parts.add(new StackedBarChart.Part(e.model(), "wait (select/poll/epoll_wait)", wait));
            parts.add(new StackedBarChart.Part(e.model(), "read", read));
            parts.add(new StackedBarChart.Part(e.model(), "write", write));
            parts.add(new StackedBarChart.Part(e.model(), "other", other));
        }
        Verdict verdict;
        String finding;
        if (blocking == null || mux == null) {
            verdict = Verdict.NOT_MEASURED;
            finding = "needs traced cases of both " + PLATFORM + " and " + EPOLL
                    + "; the counts of those measured are below.";
        } else {
            double b = callsPerRead(blocking);
            double m = callsPerRead(mux);
            String numbers = String.format(
                    Locale.ROOT, " Calls to wait and read per read: %s %.2f, %s %.2f.", PLATFORM, b, EPOLL, m);
            if (b <= 1 + 0.2 && m >= 2 - 0.2) {
                verdict = Verdict.HOLDS;
                finding = "a blocking read is one call; the epoll loop makes an epoll_wait before each read.";
            } else if (m > b + 0.2) {
                verdict = Verdict.PARTLY;
                finding = "multiplexing costs more calls per read, but not one more each: a wake-up serves several.";
            } else {
                verdict = Verdict.DOES_NOT_HOLD;
                finding = "the epoll loop made no more calls per read than the blocking server.";
            }
            StringBuilder others = new StringBuilder();
            for (Evidence e : traced) {
                if (e != blocking && e != mux) {
                    others.append(String.format(Locale.ROOT, " %s %.2f;", e.model(), callsPerRead(e)));
                }
            }
            finding += numbers + (others.isEmpty() ? "" : " Others:" + others.substring(0, others.length() - 1) + ".");
        }
        return new ClaimResult(
                id,
                title,
                claim,
                verdict,
                finding,
                headers,
                rows,
                new ClaimResult.Stacked(
                        "System calls per request (strace -c -f, measured interval)", "calls per request", parts));
    }

    private static double callsPerRead(Evidence e) {
        SyscallCounts counts = e.syscalls().orElseThrow();
        double reads = counts.perRequest(e.rate(), READ_CALLS.toArray(String[]::new));
        return (counts.perRequest(e.rate(), WAIT_CALLS.toArray(String[]::new)) + reads) / reads;
    }

    // helpers ------------------------------------------------------------------------------------

    private static Map<String, TreeMap<Integer, Evidence>> byModel(
            List<Evidence> cases,
            java.util.function.Predicate<Evidence> filter,
            java.util.function.ToIntFunction<Evidence> x) {
        Map<String, TreeMap<Integer, Evidence>> byModel = new LinkedHashMap<>();
        for (Evidence e : cases) {
            if (filter.test(e)) {
                // A load measured twice (the suite repeats some) counts its less disturbed run: the higher rate.
                byModel.computeIfAbsent(e.model(), m -> new TreeMap<>())
                        .merge(x.applyAsInt(e), e, (a, b) -> b.rate() > a.rate() ? b : a);
            }
        }
        return byModel;
    }

    private static boolean twoPoints(Map<String, TreeMap<Integer, Evidence>> byModel, String model) {
        return byModel.containsKey(model) && byModel.get(model).size() >= 2;
    }

    /** CPU per request at the most descriptors over that at the fewest. */
    private static double growth(TreeMap<Integer, Evidence> points) {
        return cpu(points.lastEntry().getValue()) / cpu(points.firstEntry().getValue());
    }

    private static double cpu(Evidence e) {
        return e.cpuPerRequest() == null ? Double.NaN : e.cpuPerRequest();
    }

    private static Evidence first(Collection<Evidence> cases, String model) {
        return cases.stream().filter(e -> e.model().equals(model)).findFirst().orElse(null);
    }

    private static Evidence find(List<Evidence> cases, String model, String transport) {
        return cases.stream()
                .filter(e -> e.model().equals(model) && e.transport().equals(transport))
                .findFirst()
                .orElse(null);
    }

    private static List<String> row(Evidence e) {
        return List.of(
                e.model(),
                Formats.rate(e.rate()),
                Formats.micros(e.p50()),
                Formats.micros(e.p99()),
                Formats.micros(e.cpuPerRequest()),
                e.c().status().id());
    }

    private static String connections(int n) {
        return n + (n == 1 ? " connection" : " connections");
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static String times(double ratio) {
        return Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "×%.2f", ratio);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
