package dev.sockbench.loadgen;

import static dev.sockbench.loadgen.LoadgenMainTest.loadgen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.loadgen.LoadgenMainTest.Run;
import dev.sockbench.loadgen.shape.SweepSearch;
import dev.sockbench.loadgen.testserver.StreamEchoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep against a server whose latency the test controls: every message takes 10 ms of one
 * shared server "CPU", so the server cannot carry more than 100 requests/s. Whatever the machine's
 * load, the capacity found must lie at or below that, and the steps above it must fail. (On a
 * loaded machine a step may also fail its self-check; the assertions allow for that and check
 * that the runner followed the search exactly.)
 */
class SweepTest {
    static final long SERVICE_NS = 10_000_000;
    static final double SERVER_LIMIT_PER_SEC = 1e9 / SERVICE_NS;

    /** A search's run against a server of {@code serviceNs} a message: its files and its output. */
    record Search(Run run, CaseSummary summary, Map<String, Histogram> logTotals) {}

    /**
     * Runs a capacity search ({@code shapeArgs}: the shape and its options) with 8 connections on
     * one thread, 1 s steps after 300 ms of warm-up, against a server that takes {@code serviceNs}
     * of one shared "CPU" per message; checks what every search must: its phases, and an exit code
     * that says whether the summary is valid.
     */
    static Search search(Path dir, long serviceNs, String... shapeArgs) throws Exception {
        int payload = 64;
        try (StreamEchoServer server =
                StreamEchoServer.tcpWithServiceTime(payload + 4 /* length prefix */, serviceNs)) {
            Path json = dir.resolve("summary.json");
            Path hlog = dir.resolve("latency.hlog");
            List<String> args =
                    new ArrayList<>(List.of("--target", server.endpoint().toString()));
            args.addAll(List.of(shapeArgs));
            args.addAll(List.of(
                    "-c",
                    "8",
                    "-t",
                    "1",
                    "-d",
                    "1s",
                    "--warmup",
                    "300ms",
                    "--timeout",
                    "2s",
                    "--json",
                    json.toString(),
                    "--hlog",
                    hlog.toString()));
            Run run = loadgen(args.toArray(String[]::new));
            assertThat(run.phases()).containsExactly("PHASE warmup", "PHASE measure", "PHASE done");
            CaseSummary summary = ResultFiles.readSummary(json);
            // Whether this machine let the case be valid is its own business; the exit code must say which.
            assertThat(run.exitCode())
                    .as(run.out() + run.err())
                    .isEqualTo(summary.valid() ? Cli.EXIT_OK : Cli.EXIT_INVALID);
            return new Search(run, summary, LatencyLog.readTotals(hlog));
        }
    }

    @Test
    void capacityIsFoundBelowTheServersLimitAndEveryStepIsReported(@TempDir Path dir) throws Exception {
        Search search = search(dir, SERVICE_NS, "-s", "sweep", "-R", "200", "--slo", "p50=200ms", "--refine", "2");
        CaseSummary summary = search.summary();
        SweepResult sweep = summary.sweep();
        assertThat(sweep.slo()).isEqualTo("p50=200ms");
        assertThat(sweep.sloPercentile()).isEqualTo(50.0);
        assertThat(sweep.sloThresholdUs()).isEqualTo(200_000.0);

        // The runner followed the search step for step: replaying the search with the steps'
        // outcomes gives the same rates. It starts at 200/s and doubles while steps are good.
        SweepSearch replay = new SweepSearch(200, 2, 10_000_000, 2);
        for (SweepResult.SweepStep step : sweep.steps()) {
            assertThat(replay.done()).isFalse();
            assertThat(step.targetRatePerSec()).isEqualTo(replay.nextRatePerSec());
            replay.report(step.targetRatePerSec(), step.good());
        }
        assertThat(replay.done()).isTrue();
        assertThat(replay.capacityPerSec()).isEqualTo(sweep.capacityPerSec());

        // Above what the server can carry no step is good, and none achieves more than it.
        for (SweepResult.SweepStep step : sweep.steps()) {
            assertThat(step.achievedRatePerSec()).isLessThanOrEqualTo(SERVER_LIMIT_PER_SEC * 1.02);
            if (step.targetRatePerSec() > SERVER_LIMIT_PER_SEC) {
                assertThat(step.good())
                        .as("step at %s/s", step.targetRatePerSec())
                        .isFalse();
            }
            assertThat(step.good()).isEqualTo(step.reasons().isEmpty());
        }

        // Capacity: the highest good step, never above what the server can carry.
        if (sweep.capacityPerSec() != null) {
            assertThat(sweep.capacityPerSec()).isLessThanOrEqualTo(SERVER_LIMIT_PER_SEC);
            double highestGood = sweep.steps().stream()
                    .filter(SweepResult.SweepStep::good)
                    .mapToDouble(SweepResult.SweepStep::targetRatePerSec)
                    .max()
                    .orElseThrow();
            assertThat(sweep.capacityPerSec()).isEqualTo(highestGood);
            // The load's numbers are the capacity step's.
            assertThat(summary.load().targetRatePerSec()).isEqualTo(sweep.capacityPerSec());
        } else {
            assertThat(summary.valid()).isFalse();
        }

        // The log holds the chosen step under the usual tags, the others by step.
        Map<String, Histogram> totals = search.logTotals();
        assertThat(totals).containsKeys("corrected", "raw");
        assertThat(totals.get("corrected").getTotalCount())
                .isPositive()
                .isEqualTo(totals.get("raw").getTotalCount());
        assertThat(totals.keySet().stream().filter(t -> t.startsWith("step")).count())
                .isEqualTo(2L * (sweep.steps().size() - 1));
    }
}
