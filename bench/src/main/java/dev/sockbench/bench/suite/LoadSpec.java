package dev.sockbench.bench.suite;

import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.handler.Work;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.loadgen.options.LoadOptions;
import dev.sockbench.loadgen.shape.Shape;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The load of one suite case and the server options it runs with: the load generator's options
 * as the suite gives them (what is not set takes the generator's default there), plus the
 * server's thread count; the handling ({@code handler}, {@code work}, {@code offload}) is among
 * the load options and goes to the server too ({@link #serverArgs}). The shape, framing, warm-up and duration are always set: the runner
 * relies on them (the case's entry, the server's framing, the progress estimate), so they are
 * passed explicitly and the generator cannot differ ({@link SuiteLoader} sets them to what the
 * options resolve to).
 *
 * @param options the load generator's options; held as a copy, handed out as one
 * @param serverThreads the server's {@code --threads}; null for the model's default
 * @param countSyscalls whether the runner counts the server's system calls in the measured interval
 *     ({@code strace}, which slows the server: {@code bench.metrics.SyscallCounter})
 */
public record LoadSpec(LoadOptions options, Integer serverThreads, boolean countSyscalls) {
    public LoadSpec(LoadOptions options, Integer serverThreads) {
        this(options, serverThreads, false);
    }

    public LoadSpec {
        options = options.copy();
        Objects.requireNonNull(options.shape(), "shape");
        Objects.requireNonNull(options.framing(), "framing");
        Objects.requireNonNull(options.warmup(), "warmup");
        Objects.requireNonNull(options.duration(), "duration");
    }

    /** A load of these essentials, length framing, and every other option left to its default. */
    public static LoadSpec of(
            String shape,
            Integer connections,
            Double ratePerSec,
            Integer payloadBytes,
            long durationNs,
            long warmupNs) {
        return new LoadSpec(
                new LoadOptions()
                        .shape(Shape.fromId(shape))
                        .connections(connections)
                        .rate(ratePerSec)
                        .payload(payloadBytes)
                        .duration(Duration.ofNanos(durationNs))
                        .warmup(Duration.ofNanos(warmupNs))
                        .framing(Framing.LENGTH),
                null);
    }

    @Override
    public LoadOptions options() {
        return options.copy();
    }

    /** The shape's id, as the case's entry records it. */
    public String shape() {
        return options.shape().id();
    }

    public Framing framing() {
        return options.framing();
    }

    public long warmupNs() {
        return options.warmup().toNanos();
    }

    public long durationNs() {
        return options.duration().toNanos();
    }

    /** The load generator's options for this load (target and output files not included). */
    public List<String> loadgenArgs() {
        return options.toArgs();
    }

    /** The server's options for this load (model, transport and address not included). */
    public List<String> serverArgs() {
        List<String> args =
                new ArrayList<>(List.of("--framing", options.framing().id()));
        if (serverThreads != null) {
            args.addAll(List.of("--threads", serverThreads.toString()));
        }
        args.addAll(options.handling().serverArgs());
        return args;
    }

    /** A short label for case ids and progress lines, e.g. {@code closed-c4} or {@code open-r5k}. */
    public String label() {
        StringBuilder label = new StringBuilder(options.shape().id());
        if (options.connections() != null) {
            label.append("-c").append(options.connections());
        }
        if (options.rate() != null) {
            label.append("-r").append(compact(options.rate()));
        }
        if (options.depth() != null) {
            label.append("-d").append(options.depth());
        }
        if (options.idle() != null) {
            label.append("-i").append(options.idle());
        }
        if (options.payload() != null && options.payload() != LoadOptions.DEFAULT_PAYLOAD) {
            label.append("-p").append(compactBytes(options.payload()));
        }
        Handling handling = options.handling();
        if (handling.handler() != HandlerKind.ECHO) {
            label.append('-').append(handling.handler().id());
        }
        if (handling.work().kind() != Work.Kind.NONE) { // cpu=20us as cpu20us
            label.append('-').append(handling.work().text().replace("=", ""));
        }
        if (handling.offload() > 0) {
            label.append("-off").append(handling.offload());
        }
        if (countSyscalls) {
            label.append("-strace");
        }
        return label.toString();
    }

    /** 4096 as {@code 4KiB}, 65536 as {@code 64KiB}; other sizes in bytes. */
    static String compactBytes(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + "KiB" : Integer.toString(bytes);
    }

    /** 5000 as {@code 5k}, 2000000 as {@code 2M}; other values as they are. */
    static String compact(double value) {
        if (value != Math.rint(value) || value == 0) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        long v = (long) value;
        if (v % 1_000_000 == 0) {
            return v / 1_000_000 + "M";
        }
        if (v % 1_000 == 0) {
            return v / 1_000 + "k";
        }
        return Long.toString(v);
    }
}
