package dev.sockbench.loadgen;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
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
 * Runs one case end to end: the run (or a sweep's steps), the self-check, the summary, and the
 * interval log when asked for. Used by {@link LoadgenMain} and by tests that drive the generator
 * in-process.
 */
public final class CaseRunner {
    /**
     * What a case produced.
     *
     * @param summary the content of {@code summary.json}
     * @param firstError the first failure seen, for the user; null when none
     */
    public record Outcome(CaseSummary summary, String firstError) {}

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
     * Runs {@code spec}.
     *
     * @param hlogFile where to write the interval log; null for none
     */
    public Outcome run(LoadSpec spec, LoadRun.Listener listener, Path hlogFile) throws IOException {
        try (ClientSocketPaths paths =
                spec.target().transport() == Transport.UNIX_DGRAM ? ClientSocketPaths.create() : null) {
            LoadRun run = new LoadRun(clock, cpu);
            current = run;
            if (stopRequested) {
                run.requestStop();
            }
            if (spec.shape() instanceof LoadShape.Sweep sweep) {
                return new SweepRunner(run, spec, sweep, paths).run(listener, hlogFile);
            }
            LoadResult result;
            LatencyLog log = hlogFile == null ? null : LatencyLog.create(hlogFile, System.currentTimeMillis());
            try {
                result = run.run(
                        spec.plan(paths),
                        listener,
                        log == null
                                ? null
                                : (corrected, raw) -> {
                                    log.write(LatencyLog.CORRECTED, corrected);
                                    log.write(LatencyLog.RAW, raw);
                                });
            } finally {
                if (log != null) {
                    log.close();
                }
            }
            Double target = spec.targetRatePerSec();
            List<String> reasons = SelfCheck.reasons(result, target);
            return new Outcome(CaseSummaries.of(spec, result, target, reasons, null), result.firstError());
        }
    }
}
