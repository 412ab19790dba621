package dev.sockbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.handler.Work;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.loadgen.check.CpuMeter;
import dev.sockbench.loadgen.options.LoadOptions;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.shape.Shape;
import dev.sockbench.loadgen.shape.Slo;
import dev.sockbench.loadgen.testserver.StreamEchoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

/** The load generator as the suite runner uses it: options in, markers on stdout, files out. */
class LoadgenMainTest {

    /** What one in-process run printed and returned. */
    record Run(int exitCode, String out, String err) {
        List<String> phases() {
            return out.lines().filter(l -> l.startsWith("PHASE ")).toList();
        }
    }

    static Run loadgen(String... args) {
        return loadgen(CpuMeter.PROCESS, args);
    }

    static Run loadgen(CpuMeter cpu, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        var command = Cli.commandLine(new LoadgenMain(outStream, errStream, NanoClock.SYSTEM, cpu));
        command.setOut(new java.io.PrintWriter(outStream, true));
        command.setErr(new java.io.PrintWriter(errStream, true));
        int code = command.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void closedLoopOverTcpWritesSummaryAndIntervalLog(@TempDir Path dir) throws Exception {
        try (StreamEchoServer server = StreamEchoServer.tcp()) {
            Path json = dir.resolve("summary.json");
            Path hlog = dir.resolve("latency.hlog");
            Run run = loadgen(
                    "--target", server.endpoint().toString(),
                    "--shape", "closed",
                    "-c", "4",
                    "-t", "2",
                    "-d", "2s",
                    "--warmup", "300ms",
                    "--json", json.toString(),
                    "--hlog", hlog.toString());

            assertThat(run.phases()).containsExactly("PHASE warmup", "PHASE measure", "PHASE done");
            CaseSummary summary = ResultFiles.readSummary(json);
            // Whether this machine let the case be valid is its own business; the exit code must say which.
            assertThat(run.exitCode()).as(run.err()).isEqualTo(summary.valid() ? Cli.EXIT_OK : Cli.EXIT_INVALID);
            assertThat(summary.load().transport()).isEqualTo("tcp");
            assertThat(summary.load().shape()).isEqualTo("closed");
            assertThat(summary.load().framing()).isEqualTo("length");
            assertThat(summary.load().connections()).isEqualTo(4);
            assertThat(summary.load().payloadBytes()).isEqualTo(64);
            assertThat(summary.load().targetRatePerSec()).isNull();
            assertThat(summary.load().requests()).isPositive();
            assertThat(summary.load().errors().total()).isZero();
            // Throughput counts the echoes received in the interval, requests those intended in it:
            // the same but for the requests in flight at either end (4 connections, depth 1).
            assertThat(summary.load().achievedRatePerSec() * summary.load().durationSec())
                    .isCloseTo(summary.load().requests(), within(8.5));
            assertThat(summary.load().accounting().answered())
                    .isEqualTo(summary.load().requests());
            assertThat(summary.load().accounting().accountedFor())
                    .isEqualTo(summary.load().accounting().intended());
            assertThat(summary.latencyUs().corrected())
                    .isEqualTo(summary.latencyUs().raw());
            assertThat(summary.generator().threads()).isEqualTo(2);
            // Run alone without --label: nothing names the server, and no harness measured it.
            assertThat(summary.model()).isNull();
            assertThat(summary.caseId()).isNull();
            assertThat(summary.server()).isNull();
            assertThat(summary.kernel()).isNull();
            assertThat(Files.readString(json)).doesNotContain("\"model\"");

            // The interval log: HdrHistogram's own reader, tagged intervals of about a second. Its
            // samples are the requests intended in the interval (to their end), the summary's
            // requests those completed in it: the same but for the 4 in flight at either end.
            List<Histogram> intervals = new ArrayList<>();
            try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
                EncodableHistogram h;
                while ((h = reader.nextIntervalHistogram()) != null) {
                    intervals.add((Histogram) h);
                }
            }
            assertThat(intervals).extracting(Histogram::getTag).containsOnly("corrected", "raw");
            assertThat(intervals.stream()
                            .filter(h -> h.getTag().equals("corrected"))
                            .count())
                    .isBetween(2L, 3L);
            Map<String, Histogram> totals = LatencyLog.readTotals(hlog);
            assertThat(totals.get("corrected").getTotalCount())
                    .isCloseTo(summary.load().requests(), within(4L));
            assertThat(totals.get("raw").getTotalCount())
                    .isEqualTo(totals.get("corrected").getTotalCount());
        }
    }

    @Test
    void openLoopOverUnixStreamWithRawFramingHoldsTheRateAndRecordsTheSendLag(@TempDir Path dir) throws Exception {
        try (StreamEchoServer server = StreamEchoServer.unix(dir.resolve("echo.sock"))) {
            Path json = dir.resolve("summary.json");
            Path loadJson = dir.resolve("load.json");
            Run run = loadgen(
                    "--target", server.endpoint().toString(),
                    "--shape", "open",
                    "-R", "2000",
                    "-c", "2",
                    "-t", "1",
                    "--framing", "raw",
                    "-d", "1s",
                    "--warmup", "200ms",
                    "--label", "my-echo",
                    "--json", json.toString(),
                    "--load-json", loadJson.toString());

            assertThat(run.phases()).containsExactly("PHASE warmup", "PHASE measure", "PHASE done");
            CaseSummary summary = ResultFiles.readSummary(json);
            // Whether this machine let the case be valid is its own business; the exit code must say which.
            assertThat(run.exitCode()).as(run.err()).isEqualTo(summary.valid() ? Cli.EXIT_OK : Cli.EXIT_INVALID);
            // The label names the server; the rest is the generator's report, block for block.
            assertThat(summary.model()).isEqualTo("my-echo");
            assertThat(summary.caseId()).isNull();
            assertThat(summary)
                    .isEqualTo(CaseSummary.from(ResultFiles.readLoadReport(loadJson))
                            .model("my-echo")
                            .build());
            assertThat(summary.load().transport()).isEqualTo("unix-stream");
            assertThat(summary.load().framing()).isEqualTo("raw");
            assertThat(summary.load().shape()).isEqualTo("open");
            assertThat(summary.load().arrival()).isEqualTo("constant");
            assertThat(summary.load().targetRatePerSec()).isEqualTo(2000.0);
            assertThat(summary.load().errors().total()).isZero();
            // 2,000 requests are intended in the measured second; the echoes received in it are
            // those, but for the 2 in flight at either end, when the generator kept its schedule.
            // Short of 99% of the target, the case says it is invalid.
            assertThat(summary.load().requests()).isLessThanOrEqualTo(2_000 + 2);
            if (summary.load().requests() < 1_980) {
                assertThat(summary.valid()).isFalse();
            }
            assertThat(summary.generator().sendLagUs()).isNotNull();
            assertThat(summary.generator().lagBoundUs()).isGreaterThanOrEqualTo(50.0);
            // Corrected latency counts from the intended time, never after the actual send.
            assertThat(summary.latencyUs().corrected().max())
                    .isGreaterThanOrEqualTo(summary.latencyUs().raw().max());
            assertThat(summary.latencyUs().corrected().p50())
                    .isGreaterThanOrEqualTo(summary.latencyUs().raw().p50());
            // About 2,000 samples: too few for a p99.9, which the printed summary says, to its end.
            assertThat(summary.latencyUs().corrected().p999()).isNull();
            assertThat(run.out())
                    .containsPattern("(?m)^  corrected +\\S+ +\\S+ +\\S+ +- ")
                    .containsPattern("(?m)^  (VALID|INVALID)");
            assertThat(run.err()).doesNotContain("Exception");
        }
    }

    @Test
    void theStealTimeOfTheGeneratorsCpusOverTheMeasuredIntervalIsInTheSummary(@TempDir Path dir) throws Exception {
        // A meter whose steal grows by 20 ms at each reading: the interval's is one step.
        AtomicLong readings = new AtomicLong();
        CpuMeter stolen = new CpuMeter() {
            @Override
            public long cpuNs() {
                return CpuMeter.PROCESS.cpuNs();
            }

            @Override
            public long stealNs() {
                return readings.getAndIncrement() * 20_000_000L;
            }
        };
        try (StreamEchoServer server = StreamEchoServer.tcp()) {
            Path json = dir.resolve("summary.json");
            loadgen(
                    stolen,
                    "--target",
                    server.endpoint().toString(),
                    "-s",
                    "closed",
                    "-c",
                    "1",
                    "-d",
                    "300ms",
                    "--warmup",
                    "100ms",
                    "--json",
                    json.toString());
            assertThat(ResultFiles.readSummary(json).generator().stealUs()).isEqualTo(20_000L);
        }
        assertThat(readings.get())
                .as("read once early, then at the interval's start and end")
                .isEqualTo(3);
        // On this machine the real meter knows its CPUs' steal (Linux has counted it since 2.6.11).
        assertThat(CpuMeter.PROCESS.stealNs()).isNotNegative();
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        try (StreamEchoServer server = StreamEchoServer.tcp()) {
            String target = server.endpoint().toString();
            String[][] cases = {
                {"--target", target, "-s", "open", "-R", "0"},
                {"--target", target, "-s", "open"},
                {"--target", target, "--payload", "8"},
                {"--target", "udp://127.0.0.1:9", "--payload", "70000"},
                {"--target", target, "--depth", "0"},
                {"--target", target, "-s", "nosuch"},
                {"--target", target, "--framing", "json"},
                {"--target", "tcp://127.0.0.1"},
                {"--target", target, "-d", "soon"},
                {"--target", target, "-s", "closed", "-R", "1k"},
                {"--target", target, "-s", "open", "-R", "1k", "--catch-up", "1"},
                {"--target", target, "-s", "closed", "--catch-up", "2"},
                {"--target", target, "--worker-cpus", "zero"},
                {"--target", target, "--worker-cpus", ","},
                {"--target", target, "--handler", "xml"},
                {"--target", target, "--work", "sleep=2ms"},
                {"--target", target, "--handler", "json", "--framing", "raw"},
                {"--target", target, "--offload", "-1"},
            };
            for (String[] args : cases) {
                Run run = loadgen(args);
                assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(Cli.EXIT_BAD_INPUT);
                assertThat(run.err().lines().toList())
                        .as(String.join(" ", args))
                        .hasSize(1);
                assertThat(run.err()).startsWith("sockbench: ").doesNotContain("Exception");
                assertThat(run.phases()).isEmpty();
            }
        }
    }

    @Test
    void theArgumentsOfEveryOptionParseBackToTheSameOptions() {
        LoadOptions every = new LoadOptions()
                .shape(Shape.SWEEP)
                .connections(12)
                .rate(1500.5)
                .arrival(Arrival.POISSON)
                .catchUp(2.5)
                .depth(3)
                .duration(Duration.ofMillis(1500))
                .warmup(Duration.ofNanos(2_500))
                .payload(4096)
                .framing(Framing.RAW)
                .threads(3)
                .timeout(Duration.ofMillis(250))
                .slo(Slo.parse("p99.9=500us"))
                .stepFactor(1.25)
                .maxRate(2e6)
                .refine(0)
                .idle(7)
                .seed(-42L)
                .handler(HandlerKind.PROTOBUF)
                .work(Work.parse("block=2ms"))
                .offload(4);
        List<String> args = every.toArgs();
        // Every option is set above: an option added later must be added there too.
        assertThat(IntStream.range(0, args.size() / 2).mapToObj(i -> args.get(2 * i)))
                .containsExactlyElementsOf(LoadOptions.names());
        Endpoint target = Endpoint.parse("unix:///tmp/echo.sock");
        Path loadJson = Path.of("case", "load.json");
        Path hlog = Path.of("case", "latency.hlog");

        LoadgenMain parsed = new LoadgenMain();
        Cli.commandLine(parsed)
                .parseArgs(LoadgenMain.arguments(target, every, loadJson, hlog).toArray(String[]::new));

        assertThat(parsed.load).isEqualTo(every).isNotEqualTo(every.copy().seed(-41L));
        assertThat(parsed.load.seed()).isEqualTo(-42L);
        assertThat(parsed.load.rate()).isEqualTo(1500.5);
        assertThat(parsed.target).isEqualTo(target);
        assertThat(parsed.loadJson).isEqualTo(loadJson);
        assertThat(parsed.json).as("the harness writes the summary itself").isNull();
        assertThat(parsed.hlog).isEqualTo(hlog);
    }

    @Test
    void everyOptionHasAHelpText() {
        Run run = loadgen("--help");

        assertThat(run.exitCode()).isZero();
        for (OptionSpec option :
                Cli.commandLine(new LoadgenMain()).getCommandSpec().options()) {
            assertThat(String.join(" ", option.description()))
                    .as(option.longestName())
                    .isNotBlank();
        }
        assertThat(run.out().replaceAll("\\s+", " ")) // unwrapped
                .contains("--catch-up=FACTOR")
                .contains(
                        "Load shape: ping-pong, closed, open, sweep, capacity, churn, idle, stream (default closed).");
    }

    @Test
    void unreachableTargetIsBadInput() throws Exception {
        // A bound socket that does not listen holds the port, so nobody else can take it and a
        // connect to it is refused.
        try (java.nio.channels.SocketChannel holder = java.nio.channels.SocketChannel.open()) {
            holder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = ((java.net.InetSocketAddress) holder.getLocalAddress()).getPort();
            Run run = loadgen("--target", "tcp://127.0.0.1:" + port, "-d", "1s");
            assertThat(run.exitCode()).isEqualTo(Cli.EXIT_BAD_INPUT);
            assertThat(run.err())
                    .contains("cannot connect to tcp://127.0.0.1:" + port)
                    .hasLineCount(1);
        }
    }

    @Test
    void idleConnectionsBeyondTheFileDescriptorLimitAreRefusedUpFront() throws Exception {
        try (StreamEchoServer server = StreamEchoServer.tcp()) {
            Run run = loadgen("--target", server.endpoint().toString(), "-s", "idle", "--idle", "1000000", "-R", "100");
            assertThat(run.exitCode()).isEqualTo(Cli.EXIT_BAD_INPUT);
            assertThat(run.err())
                    .contains("file descriptors")
                    .contains("ulimit -n")
                    .hasLineCount(1);
            assertThat(server.accepted()).isZero();
        }
    }
}
