package dev.sockbench.bench.suite;

import dev.sockbench.core.cli.Units;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.loadgen.shape.LoadShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load of one case and the server options it runs with, as a suite file gives them. Options
 * left null are not passed, so the load generator's (or server's) own default applies.
 *
 * @param shape load shape id, one of {@link #SHAPES}
 * @param connections {@code -c}: active connections (or datagram peers); null for the default
 * @param ratePerSec {@code -R}: target requests per second (open shapes); null when not set
 * @param payloadBytes {@code --payload}: request size, header included; null for the default (64
 *     bytes, the stream shape's larger)
 * @param durationNs {@code -d}: the measured interval, ns
 * @param warmupNs {@code --warmup}: the discarded warm-up, ns
 * @param framing {@code --framing} on both sides
 * @param loadgenThreads {@code -t}: load generator threads; null for its default (its CPUs)
 * @param depth {@code --depth}: requests in flight per connection; null for the default
 * @param arrival {@code --arrival}: {@code constant} or {@code poisson}; null for the default
 * @param slo {@code --slo}, e.g. {@code p99=1ms} (sweep); null when not set
 * @param idle {@code --idle}: silent connections held open (idle shape); null when not set
 * @param timeoutNs {@code --timeout}: how long a datagram echo may take before it counts as
 *     lost, ns; null for the default
 * @param maxRatePerSec {@code --max-rate}: where a sweep's rise stops; null for the default
 * @param stepFactor {@code --step-factor}: a sweep's rate multiplier per rising step; null for the
 *     default
 * @param refineSteps {@code --refine}: a sweep's bisection steps; null for the default
 * @param serverThreads the server's {@code --threads}; null for the model's default
 */
public record LoadSpec(
        String shape,
        Integer connections,
        Double ratePerSec,
        Integer payloadBytes,
        long durationNs,
        long warmupNs,
        Framing framing,
        Integer loadgenThreads,
        Integer depth,
        String arrival,
        String slo,
        Integer idle,
        Long timeoutNs,
        Double maxRatePerSec,
        Double stepFactor,
        Integer refineSteps,
        Integer serverThreads) {

    /** The load shapes the load generator knows; anything else is bad input. */
    public static final List<String> SHAPES = List.of(LoadShape.ids().split(",\\s*"));

    /** The load generator's defaults for what every case passes explicitly. */
    public static final LoadSpec DEFAULTS = of("closed", null, null, null, 10_000_000_000L, 3_000_000_000L);

    /** A load of these essentials, length framing, and every other option left to its default. */
    public static LoadSpec of(
            String shape,
            Integer connections,
            Double ratePerSec,
            Integer payloadBytes,
            long durationNs,
            long warmupNs) {
        return new LoadSpec(
                shape,
                connections,
                ratePerSec,
                payloadBytes,
                durationNs,
                warmupNs,
                Framing.LENGTH,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The load generator's options for this load (target and output files not included). */
    public List<String> loadgenArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--shape", shape,
                "--duration", Units.formatDurationNs(durationNs),
                "--warmup", Units.formatDurationNs(warmupNs),
                "--framing", framing.id()));
        add(args, "--payload", payloadBytes);
        add(args, "--connections", connections);
        if (ratePerSec != null) {
            args.addAll(List.of("--rate", formatNumber(ratePerSec)));
        }
        add(args, "--threads", loadgenThreads);
        add(args, "--depth", depth);
        add(args, "--arrival", arrival);
        add(args, "--slo", slo);
        add(args, "--idle", idle);
        if (timeoutNs != null) {
            args.addAll(List.of("--timeout", Units.formatDurationNs(timeoutNs)));
        }
        if (maxRatePerSec != null) {
            args.addAll(List.of("--max-rate", formatNumber(maxRatePerSec)));
        }
        if (stepFactor != null) {
            args.addAll(List.of("--step-factor", formatNumber(stepFactor)));
        }
        add(args, "--refine", refineSteps);
        return args;
    }

    /** The server's options for this load (model, transport and address not included). */
    public List<String> serverArgs() {
        List<String> args = new ArrayList<>(List.of("--framing", framing.id()));
        add(args, "--threads", serverThreads);
        return args;
    }

    /** A short label for case ids and progress lines, e.g. {@code closed-c4} or {@code open-r5k}. */
    public String label() {
        StringBuilder label = new StringBuilder(shape);
        if (connections != null) {
            label.append("-c").append(connections);
        }
        if (ratePerSec != null) {
            label.append("-r").append(compact(ratePerSec));
        }
        if (depth != null) {
            label.append("-d").append(depth);
        }
        if (idle != null) {
            label.append("-i").append(idle);
        }
        return label.toString();
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }

    private static String formatNumber(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** 5000 as {@code 5k}, 2000000 as {@code 2M}; other values as they are. */
    static String compact(double value) {
        if (value != Math.rint(value) || value == 0) {
            return formatNumber(value);
        }
        long v = (long) value;
        if (v % 1_000_000 == 0) {
            return v / 1_000_000 + "M";
        }
        if (v % 1_000 == 0) {
            return v / 1_000 + "k";
        }
        return Long.toString(v).toLowerCase(Locale.ROOT);
    }
}
