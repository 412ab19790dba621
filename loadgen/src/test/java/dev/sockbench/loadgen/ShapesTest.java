package dev.sockbench.loadgen;

import static dev.sockbench.loadgen.LoadgenMainTest.loadgen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.LoadgenMainTest.Run;
import dev.sockbench.loadgen.testserver.DatagramEchoServer;
import dev.sockbench.loadgen.testserver.StreamEchoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every shape from the command line on every transport the shape applies to, against small echo
 * servers of the tests' own (the stream one is a plain RFC 862 byte echo, so {@code --framing raw}
 * is exercised against a third-party-style echo). Assertions are about what was sent and counted,
 * never about timing: the machine is shared.
 */
class ShapesTest {

    /** A running echo server for a transport. */
    interface Server extends AutoCloseable {
        Endpoint endpoint();

        @Override
        void close();
    }

    static Server serve(Transport transport, Path dir) throws Exception {
        return switch (transport) {
            case TCP -> wrap(StreamEchoServer.tcp());
            case UNIX_STREAM -> wrap(StreamEchoServer.unix(dir.resolve("echo.sock")));
            case UDP -> wrap(DatagramEchoServer.udp());
            case UNIX_DGRAM -> wrap(DatagramEchoServer.unix(dir.resolve("echo-dgram.sock")));
        };
    }

    static Server wrap(StreamEchoServer s) {
        return new Server() {
            public Endpoint endpoint() {
                return s.endpoint();
            }

            public void close() {
                s.close();
            }
        };
    }

    static Server wrap(DatagramEchoServer s) {
        return new Server() {
            public Endpoint endpoint() {
                return s.endpoint();
            }

            public void close() {
                s.close();
            }
        };
    }

    static CaseSummary runShape(Transport transport, Path dir, String... shapeArgs) throws Exception {
        try (Server server = serve(transport, dir)) {
            Path json = dir.resolve("summary.json");
            List<String> args = new ArrayList<>(List.of(
                    "--target",
                    server.endpoint().toString(),
                    "-d",
                    "600ms",
                    "--warmup",
                    "100ms",
                    "--json",
                    json.toString()));
            args.addAll(List.of(shapeArgs));
            Run run = loadgen(args.toArray(String[]::new));
            assertThat(run.phases()).containsExactly("PHASE warmup", "PHASE measure", "PHASE done");
            CaseSummary summary = ResultFiles.readSummary(json);
            // Whether this machine let the case be valid is its own business; the exit code must say which.
            assertThat(run.exitCode()).as(run.err()).isEqualTo(summary.valid() ? Cli.EXIT_OK : Cli.EXIT_INVALID);
            assertThat(summary.load().transport()).isEqualTo(transport.id());
            assertThat(summary.load().errors().total())
                    .as(summary.invalidReasons().toString())
                    .isZero();
            assertThat(summary.load().requests()).isPositive();
            assertThat(summary.udp() == null).isEqualTo(transport.streamOriented());
            return summary;
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pingPong(Transport transport, @TempDir Path dir) throws Exception {
        CaseSummary s = runShape(transport, dir, "-s", "ping-pong");
        assertThat(s.load().shape()).isEqualTo("ping-pong");
        assertThat(s.load().connections()).isEqualTo(1);
        assertThat(s.load().depth()).isEqualTo(1);
        assertThat(s.generator().threads()).isEqualTo(1);
        assertThat(s.generator().sendLagUs()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closedWithPipelining(Transport transport, @TempDir Path dir) throws Exception {
        CaseSummary s = runShape(transport, dir, "-s", "closed", "-c", "3", "--depth", "4", "-t", "2");
        assertThat(s.load().depth()).isEqualTo(4);
        assertThat(s.generator().threads()).isEqualTo(2);
        if (s.udp() != null) {
            // Latency samples follow requests intended in the interval, throughput the echoes
            // received in it: the same but for the 12 (3 x 4) in flight at either end.
            assertThat(s.udp().received()).isCloseTo(s.load().requests(), within(12L));
            assertThat(s.udp().sent()).isEqualTo(s.udp().received() + s.udp().lost());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void openWithPoissonArrivals(Transport transport, @TempDir Path dir) throws Exception {
        CaseSummary s = runShape(transport, dir, "-s", "open", "-R", "1500", "--arrival", "poisson", "-c", "3");
        assertThat(s.load().arrival()).isEqualTo("poisson");
        assertThat(s.load().targetRatePerSec()).isEqualTo(1500.0);
        assertThat(s.load().depth()).isEqualTo(transport.streamOriented() ? 1 : 1024);
        assertThat(s.generator().sendLagUs()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void churnConnectsSendsOneRequestAndCloses(Transport transport, @TempDir Path dir) throws Exception {
        CaseSummary s = runShape(transport, dir, "-s", "churn", "-c", "2", "-t", "1");
        assertThat(s.load().shape()).isEqualTo("churn");
        // Corrected latency counts from the start of the connect, raw from the request.
        assertThat(s.latencyUs().corrected().mean())
                .isGreaterThanOrEqualTo(s.latencyUs().raw().mean());
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"TCP", "UNIX_STREAM"})
    void idleConnectionsStayOpenBesideAnOpenLoad(Transport transport, @TempDir Path dir) throws Exception {
        CaseSummary s = runShape(transport, dir, "-s", "idle", "--idle", "300", "-R", "500", "-c", "2");
        assertThat(s.idle().requested()).isEqualTo(300);
        assertThat(s.idle().opened()).isEqualTo(300);
        assertThat(s.idle().openAtEnd()).isEqualTo(300);
        assertThat(s.load().connections()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void streamMovesBulkPayloadsAndCountsBytes(Transport transport, @TempDir Path dir) throws Exception {
        CaseSummary s = runShape(transport, dir, "-s", "stream", "-c", "1");
        assertThat(s.stream()).isNotNull();
        int payloadBytes = s.load().payloadBytes();
        assertThat(payloadBytes).as("default payload").isEqualTo(transport.streamOriented() ? 64 << 10 : 8 << 10);
        assertThat(s.stream().bytesPerSec()).isCloseTo(s.load().achievedRatePerSec() * payloadBytes, within(1e-6));
        assertThat(s.stream().bitsPerSec()).isEqualTo(s.stream().bytesPerSec() * 8);
        assertThat(s.stream().windowBytes()).isEqualTo((long) s.load().depth() * payloadBytes);
        assertThat(s.load().depth()).isEqualTo((transport.streamOriented() ? 1 << 20 : 64 << 10) / payloadBytes);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"TCP", "UNIX_STREAM"})
    void rawFramingWorksOnEveryShapeAgainstAPlainEchoServer(Transport transport, @TempDir Path dir) throws Exception {
        String[][] shapes = {
            {"-s", "ping-pong"},
            {"-s", "closed", "-c", "2", "--depth", "3"},
            {"-s", "open", "-R", "1000", "-c", "2"},
            {"-s", "churn", "-c", "2"},
            {"-s", "idle", "--idle", "20", "-R", "500", "-c", "1"},
            {"-s", "stream", "-c", "1", "--payload", "16KiB"},
            {"-s", "sweep", "-R", "500", "--max-rate", "1000", "--refine", "0", "--slo", "p99=1s", "-c", "2"},
        };
        for (String[] shape : shapes) {
            List<String> args = new ArrayList<>(List.of(shape));
            args.addAll(List.of("--framing", "raw"));
            CaseSummary s = runShape(transport, dir, args.toArray(String[]::new));
            assertThat(s.load().framing()).isEqualTo("raw");
            assertThat(s.load().shape()).isEqualTo(shape[1]);
        }
    }
}
