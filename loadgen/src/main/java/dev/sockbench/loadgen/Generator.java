package dev.sockbench.loadgen;

import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.check.CpuMeter;
import dev.sockbench.loadgen.check.SelfCheck;
import dev.sockbench.loadgen.client.ClientSocketPaths;
import dev.sockbench.loadgen.engine.LoadEngine;
import dev.sockbench.loadgen.engine.LoadResult;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.shape.LoadShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one case's load in this process, end to end: the engine (or a sweep's steps), the self-check, the report, and the
 * interval log when asked for. Used by {@link LoadgenMain} and by tests that drive the generator
 * in-process.
 */
public final class Generator {
    /**
     * What a case produced.
     *
     * @param report what the generator measured, and whether it trusts it
     * @param firstError the first failure seen, for the user; null when none
     */
    public record Outcome(LoadReport report, String firstError) {}

    private final NanoClock clock;
    private final CpuMeter cpu;
    private volatile LoadEngine current;
    private volatile boolean stopRequested;

    public Generator(NanoClock clock, CpuMeter cpu) {
        this.clock = clock;
        this.cpu = cpu;
    }

    /**
     * Ends the case in progress early (its measured interval ends now, later sweep steps do not
     * run); {@link #run} then returns what was measured so far. Thread-safe: called from a
     * shutdown hook.
     */
    public void requestStop() {
        stopRequested = true;
        LoadEngine engine = current;
        if (engine != null) {
            engine.requestStop();
        }
    }

    /**
     * Runs {@code spec} against {@code target}.
     *
     * @param target a server of the spec's transport
     * @param hlogFile where to write the interval log; null for none
     */
    public Outcome run(LoadSpec spec, Endpoint target, LoadEngine.Listener listener, Path hlogFile) throws IOException {
        try (ClientSocketPaths paths = spec.transport() == Transport.UNIX_DGRAM ? ClientSocketPaths.create() : null) {
            LoadEngine engine = new LoadEngine(clock, cpu);
            current = engine;
            if (stopRequested) {
                engine.requestStop();
            }
            if (spec.shape() instanceof LoadShape.Sweep || spec.shape() instanceof LoadShape.Capacity) {
                return new SweepRunner(engine, spec, spec.plan(target, paths)).run(listener, hlogFile);
            }
            LoadResult result;
            LatencyLog log = hlogFile == null ? null : LatencyLog.create(hlogFile, System.currentTimeMillis());
            try {
                result = engine.run(spec.plan(target, paths), listener, log == null ? null : new LogSink(log));
            } finally {
                if (log != null) {
                    log.close();
                }
            }
            Double targetRate = spec.targetRatePerSec();
            List<String> reasons = SelfCheck.reasons(result, targetRate);
            return new Outcome(LoadReports.of(spec, result, targetRate, reasons, null), result.firstError());
        }
    }

    /** Writes the measured intervals to the log; the warm-up's the same way, to nowhere. */
    private record LogSink(LatencyLog log, LatencyLog rehearsal) implements LoadEngine.IntervalSink {
        LogSink(LatencyLog log) {
            this(log, LatencyLog.discarding());
        }

        @Override
        public void interval(LatencyLog.Encoded corrected, LatencyLog.Encoded raw) {
            log.write(LatencyLog.CORRECTED, corrected);
            log.write(LatencyLog.RAW, raw);
        }

        @Override
        public void rehearse(LatencyLog.Encoded corrected, LatencyLog.Encoded raw) {
            rehearsal.write(LatencyLog.CORRECTED, corrected);
            rehearsal.write(LatencyLog.RAW, raw);
        }
    }
}
