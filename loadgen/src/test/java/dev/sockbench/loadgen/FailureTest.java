package dev.sockbench.loadgen;

import static dev.sockbench.loadgen.LoadgenMainTest.loadgen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.RequestAccounting;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.loadgen.LoadgenMainTest.Run;
import dev.sockbench.loadgen.check.CpuMeter;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.testserver.StreamEchoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator honest about failure: a server that dies, a generator that cannot keep up. */
class FailureTest {

    @Test
    void aTargetThatDiesMidRunIsCountedTheCaseIsInvalidAndTheDataSoFarIsKept(@TempDir Path dir) throws Exception {
        StreamEchoServer server = StreamEchoServer.tcp();
        Path json = dir.resolve("summary.json");
        Path hlog = dir.resolve("latency.hlog");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.execute(
                new LoadgenMain(outStream, errStream, NanoClock.SYSTEM, CpuMeter.PROCESS),
                "--target",
                server.endpoint().toString(),
                "-s",
                "open",
                "-R",
                "1000",
                "-c",
                "4",
                "-d",
                "30s",
                "--warmup",
                "100ms",
                "--json",
                json.toString(),
                "--hlog",
                hlog.toString()));

        // Kill the server once the measured interval has begun (waiting on a condition, not a sleep).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString(StandardCharsets.UTF_8).contains("PHASE measure")) {
            assertThat(System.nanoTime()).as("PHASE measure in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
        server.kill();

        // Every connection is lost: the run ends early instead of idling for 30 s.
        int code = exit.get(20, TimeUnit.SECONDS);
        assertThat(code).isEqualTo(Cli.EXIT_INVALID);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("PHASE ")))
                .containsExactly("PHASE warmup", "PHASE measure", "PHASE done");
        CaseSummary summary = ResultFiles.readSummary(json);
        assertThat(summary.valid()).isFalse();
        assertThat(summary.load().errors().read()).isEqualTo(4);
        assertThat(summary.invalidReasons())
                .anyMatch(r -> r.startsWith("every connection was lost"))
                .anyMatch(r -> r.startsWith("4 errors"));
        assertThat(summary.load().durationSec()).isLessThan(30);
        // Every request of the (shortened) interval has a fate: the ones in flight died with their
        // connections, the rest of the schedule up to the end (if any was due) was never sent.
        RequestAccounting a = summary.load().accounting();
        assertThat(a.accountedFor()).isEqualTo(a.intended());
        // The log was written and holds what was measured: in the corrected view every request but
        // those that died with a connection (the unsent ones at the moment they were given up), in
        // the raw view the echoes.
        Map<String, Histogram> totals = LatencyLog.readTotals(hlog);
        assertThat(totals.get(LatencyLog.CORRECTED).getTotalCount()).isEqualTo(a.intended() - a.failed());
        assertThat(totals.get(LatencyLog.RAW).getTotalCount()).isEqualTo(a.answered());
    }

    @Test
    void aGeneratorAskedForAnImpossibleRateOnOneThreadIsFlaggedInvalid(@TempDir Path dir) throws Exception {
        try (StreamEchoServer server = StreamEchoServer.tcp()) {
            Path json = dir.resolve("summary.json");
            // One connection, one request in flight, a million per second: no loopback round trip
            // is 1 us, so the schedule cannot be kept and the case must say so. (No warm-up: with
            // one, the backlog would push every request sent into it.)
            Run run = loadgen(
                    "--target", server.endpoint().toString(),
                    "-s", "open",
                    "-R", "1M",
                    "-c", "1",
                    "-t", "1",
                    "-d", "500ms",
                    "--warmup", "0s",
                    "--json", json.toString());
            assertThat(run.exitCode()).isEqualTo(Cli.EXIT_INVALID);
            CaseSummary summary = ResultFiles.readSummary(json);
            assertThat(summary.valid()).isFalse();
            assertThat(summary.load().achievedRatePerSec()).isLessThan(0.99 * 1_000_000);
            assertThat(summary.invalidReasons()).anyMatch(r -> r.startsWith("achieved "));
            assertThat(run.err()).contains("invalid: achieved ");
            // Latency from the intended time keeps growing with the backlog: far above the raw. (The
            // median: on a loaded machine fewer than the 1,000 requests a p99 needs may be answered.)
            assertThat(summary.latencyUs().corrected().p50())
                    .isNotNull()
                    .isGreaterThan(summary.latencyUs().raw().p50());
        }
    }
}
