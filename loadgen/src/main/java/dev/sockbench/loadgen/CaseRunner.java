package dev.sockbench.loadgen;

import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.check.CpuMeter;
import dev.sockbench.loadgen.check.SelfCheck;
import dev.sockbench.loadgen.client.ClientSocketPaths;
import dev.sockbench.loadgen.engine.LoadResult;
import dev.sockbench.loadgen.engine.LoadRun;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.shape.LoadShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one case end to end: the run (or a sweep's steps), the self-check, the report, and the
 * interval log when asked for. Used by {@link LoadgenMain} and by tests that drive the generator
 * in-process.
 */
public final class CaseRunner {
    /**
     * What a case produced.
     *
     * @param report what the generator measured, and whether it trusts it
     * @param firstError the first failure seen, for the user; null when none
     */
    public record Outcome(LoadReport report, String firstError) {}

    private final NanoClock clock;
    private final CpuMeter cpu;
    private volatile LoadRun current;
    private volatile boolean stopRequested;

    public CaseRunner(NanoClock clock, CpuMeter cpu) {
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
        LoadRun run = current;
        if (run != null) {
            run.requestStop();
        }
    }

    /**
     * Runs {@code spec} against {@code target}.
     *
     * @param target a server of the spec's transport
     * @param hlogFile where to write the interval log; null for none
     */
    public Outcome run(LoadSpec spec, Endpoint target, LoadRun.Listener listener, Path hlogFile) throws IOException {
        try (ClientSocketPaths paths = spec.transport() == Transport.UNIX_DGRAM ? ClientSocketPaths.create() : null) {
            LoadRun run = new LoadRun(clock, cpu);
            current = run;
            if (stopRequested) {
                run.requestStop();
            }
            if (spec.shape() instanceof LoadShape.Sweep sweep) {
                return new SweepRunner(run, spec, sweep, spec.plan(target, paths)).run(listener, hlogFile);
            }
            LoadResult result;
            LatencyLog log = hlogFile == null ? null : LatencyLog.create(hlogFile, System.currentTimeMillis());
            try {
                result = run.run(spec.plan(target, paths), listener, log == null ? null : new LogSink(log));
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
    private record LogSink(LatencyLog log, LatencyLog rehearsal) implements LoadRun.IntervalSink {
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
