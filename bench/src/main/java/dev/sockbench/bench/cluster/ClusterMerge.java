package dev.sockbench.bench.cluster;

import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.ClusterRun.AgentPart;
import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.GeneratorCheck;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.RequestAccounting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Merges the load parts of one case, exactly: the parts' latency histograms are added (never
 * their percentiles averaged) and the percentiles read from the sum, the counts are summed, and
 * the case is valid only when every part is and none is missing. Each part's own figures are kept
 * as its {@link AgentPart}.
 *
 * <p>The merged latency is that of the parts' interval logs added together (each generator times
 * its own requests on its own clock; no clock is compared across hosts). The merged interval log
 * adds the parts' n-th intervals into its n-th, so the latency over time shows the whole load. A
 * case with one load part keeps that part's report and log as they are.
 */
final class ClusterMerge {
    private static final List<String> TAGS = List.of(LatencyLog.CORRECTED, LatencyLog.RAW);

    private ClusterMerge() {}

    /**
     * One load agent's part that ended with a report.
     *
     * @param agent its name
     * @param address its cluster address
     * @param report what its generator reported
     * @param hlog its interval log, on disk
     */
    record Part(String agent, String address, LoadReport report, Path hlog) {}

    /**
     * The merged case.
     *
     * @param report the whole load, as one generator's report would read
     * @param parts each part's own figures
     */
    record Merged(LoadReport report, List<AgentPart> parts) {}

    /**
     * Merges {@code parts} into one report and writes the merged interval log to {@code hlog}.
     *
     * @param missing why a part is missing (an agent left, did not answer, failed), one line each;
     *     any makes the case invalid
     */
    static Merged merge(List<Part> parts, List<String> missing, Path hlog) throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        List<String> reasons = new ArrayList<>(missing);
        List<AgentPart> agentParts = new ArrayList<>();
        for (Part p : parts) {
            for (String r : p.report().invalidReasons()) {
                reasons.add("agent " + p.agent() + ": " + r);
            }
            LoadReport r = p.report();
            agentParts.add(new AgentPart(
                    p.agent(),
                    p.address(),
                    r.valid(),
                    r.invalidReasons(),
                    r.load().connections(),
                    r.load().targetRatePerSec(),
                    r.load().achievedRatePerSec(),
                    r.load().requests(),
                    r.latencyUs(),
                    r.generator()));
        }
        List<LoadReport> reports = parts.stream().map(Part::report).toList();
        LoadReport first = reports.getFirst();
        LatencyUs latency;
        if (parts.size() == 1) {
            // One part is the whole load: its report and log as they are (a sweep's step tags too).
            Files.copy(parts.getFirst().hlog(), hlog, StandardCopyOption.REPLACE_EXISTING);
            latency = first.latencyUs();
        } else {
            Histogram[] totals = writeMergedLog(parts, hlog);
            latency = new LatencyUs(Percentiles.ofNanos(totals[0]), Percentiles.ofNanos(totals[1]));
        }
        LoadReport merged = LoadReport.builder()
                .invalidReasons(reasons)
                .load(load(reports))
                .latencyUs(latency)
                .udp(sum(reports, LoadReport::udp, DatagramCounts::plus))
                .stream(parts.size() == 1 ? first.stream() : null)
                .idle(parts.size() == 1 ? first.idle() : null)
                .sweep(parts.size() == 1 ? first.sweep() : null)
                .generator(parts.size() == 1 ? first.generator() : generator(reports))
                .build();
        return new Merged(merged, agentParts);
    }

    private static CaseLoad load(List<LoadReport> reports) {
        CaseLoad first = reports.getFirst().load();
        List<CaseLoad> loads = reports.stream().map(LoadReport::load).toList();
        return CaseLoad.builder()
                .transport(first.transport())
                .framing(first.framing())
                .shape(first.shape())
                .connections(loads.stream().mapToInt(CaseLoad::connections).sum())
                .depth(first.depth())
                .arrival(first.arrival())
                .payloadBytes(first.payloadBytes())
                .durationSec(first.durationSec())
                .warmupSec(first.warmupSec())
                .targetRatePerSec(
                        first.targetRatePerSec() == null
                                ? null
                                : loads.stream()
                                        .mapToDouble(l -> l.targetRatePerSec() == null ? 0 : l.targetRatePerSec())
                                        .sum())
                .catchUpFactor(first.catchUpFactor())
                .achievedRatePerSec(
                        loads.stream().mapToDouble(CaseLoad::achievedRatePerSec).sum())
                .requests(loads.stream().mapToLong(CaseLoad::requests).sum())
                .accounting(sum(loads, CaseLoad::accounting, RequestAccounting::plus))
                .errors(sum(loads, CaseLoad::errors, ErrorCounts::plus))
                .build();
    }

    /**
     * The generators' check over all parts: threads, CPU and steal time summed; the busiest thread, the send
     * lag and the blocked time are the worst part's at each percentile (a bound, not a merge: the
     * parts' self-checks each decided their own validity already).
     */
    private static GeneratorCheck generator(List<LoadReport> reports) {
        List<GeneratorCheck> checks =
                reports.stream().map(LoadReport::generator).toList();
        if (checks.contains(null)) {
            return null;
        }
        Long cpuUs = checks.stream().anyMatch(c -> c.cpuUs() == null)
                ? null
                : checks.stream().mapToLong(GeneratorCheck::cpuUs).sum();
        Long stealUs = checks.stream().anyMatch(c -> c.stealUs() == null)
                ? null
                : checks.stream().mapToLong(GeneratorCheck::stealUs).sum();
        long requests = reports.stream().mapToLong(r -> r.load().requests()).sum();
        return new GeneratorCheck(
                checks.stream().mapToInt(GeneratorCheck::threads).sum(),
                cpuUs,
                cpuUs == null || requests == 0 ? null : (double) cpuUs / requests,
                checks.stream().mapToDouble(GeneratorCheck::busyPercent).max().orElse(0),
                worst(checks.stream().map(GeneratorCheck::sendLagUs).toList()),
                checks.stream()
                        .map(GeneratorCheck::lagBoundUs)
                        .filter(b -> b != null)
                        .min(Double::compare)
                        .orElse(null),
                worst(checks.stream().map(GeneratorCheck::blockedUs).toList()),
                stealUs);
    }

    private static Percentiles worst(List<Percentiles> all) {
        if (all.contains(null)) {
            return null;
        }
        return new Percentiles(
                worstOf(all, Percentiles::p50),
                worstOf(all, Percentiles::p90),
                worstOf(all, Percentiles::p99),
                worstOf(all, Percentiles::p999),
                all.stream().mapToDouble(Percentiles::max).max().orElse(0),
                all.stream().mapToDouble(Percentiles::mean).max().orElse(0));
    }

    private static Double worstOf(List<Percentiles> all, Function<Percentiles, Double> at) {
        Double worst = null;
        for (Percentiles p : all) {
            Double v = at.apply(p);
            if (v == null) {
                return null;
            }
            worst = worst == null ? v : Math.max(worst, v);
        }
        return worst;
    }

    private static <B, T> T sum(List<B> blocks, Function<B, T> field, java.util.function.BinaryOperator<T> plus) {
        T total = null;
        for (B b : blocks) {
            T v = field.apply(b);
            if (v == null) {
                return null;
            }
            total = total == null ? v : plus.apply(total, v);
        }
        return total;
    }

    /**
     * Writes the parts' logs added interval by interval (the n-th of each into the n-th) to {@code
     * hlog}; returns the totals of the tags {@code corrected} and {@code raw} over all parts.
     */
    private static Histogram[] writeMergedLog(List<Part> parts, Path hlog) throws IOException {
        Histogram[] totals = new Histogram[TAGS.size()];
        List<List<List<Histogram>>> byTag = new ArrayList<>();
        long startMs = Long.MAX_VALUE;
        for (String tag : TAGS) {
            List<List<Histogram>> perPart = new ArrayList<>();
            for (Part p : parts) {
                List<Histogram> intervals = LatencyLog.readIntervals(p.hlog(), tag);
                perPart.add(intervals);
                if (!intervals.isEmpty()) {
                    startMs = Math.min(startMs, intervals.getFirst().getStartTimeStamp());
                }
            }
            byTag.add(perPart);
        }
        try (LatencyLog log = LatencyLog.create(hlog, startMs == Long.MAX_VALUE ? 0 : startMs)) {
            int longest = byTag.stream()
                    .flatMap(List::stream)
                    .mapToInt(List::size)
                    .max()
                    .orElse(0);
            for (int i = 0; i < longest; i++) {
                for (int t = 0; t < TAGS.size(); t++) {
                    Histogram sum = null;
                    for (List<Histogram> intervals : byTag.get(t)) {
                        if (i >= intervals.size()) {
                            continue;
                        }
                        Histogram h = intervals.get(i);
                        if (sum == null) {
                            sum = new Histogram(h.getNumberOfSignificantValueDigits());
                            sum.setStartTimeStamp(h.getStartTimeStamp());
                            sum.setEndTimeStamp(h.getEndTimeStamp());
                        }
                        sum.add(h);
                        if (totals[t] == null) {
                            totals[t] = new Histogram(h.getNumberOfSignificantValueDigits());
                        }
                        sum.setStartTimeStamp(Math.min(sum.getStartTimeStamp(), h.getStartTimeStamp()));
                        sum.setEndTimeStamp(Math.max(sum.getEndTimeStamp(), h.getEndTimeStamp()));
                        totals[t].add(h);
                    }
                    if (sum != null) {
                        log.write(TAGS.get(t), sum);
                    }
                }
            }
        }
        for (int t = 0; t < TAGS.size(); t++) {
            if (totals[t] == null) {
                totals[t] = new Histogram(3); // no part logged an interval
            }
        }
        return totals;
    }
}
