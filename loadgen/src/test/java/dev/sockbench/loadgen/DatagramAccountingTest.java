package dev.sockbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.check.CpuMeter;
import dev.sockbench.loadgen.engine.LoadEngine;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.shape.LoadShape;
import dev.sockbench.loadgen.testserver.DatagramEchoServer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lost, duplicated and reordered echoes are counted exactly, separately, and never become latency
 * samples: the server misbehaves on purpose and counts what it did; the generator's counts must
 * match it one for one. With no warm-up every request sent is measured.
 */
class DatagramAccountingTest {
    static final long MS = 1_000_000;
    static final long TIMEOUT_NS = 500 * MS;

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"UDP", "UNIX_DGRAM"})
    void closedLoopCountsEveryDropDuplicateAndReorderExactly(Transport transport, @TempDir Path dir) throws Exception {
        try (DatagramEchoServer server = DatagramEchoServer.misbehaving(transport, dir.resolve("echo.sock"))) {
            LoadSpec spec = new LoadSpec(
                    new LoadShape.Closed(1, 64), transport, Framing.LENGTH, 64, 1, 0, 700 * MS, TIMEOUT_NS, 7, 0);
            LoadReport report = run(spec, server);
            assertExactAccounting(report, server);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"UDP", "UNIX_DGRAM"})
    void openLoopCountsEveryDropDuplicateAndReorderExactly(Transport transport, @TempDir Path dir) throws Exception {
        try (DatagramEchoServer server = DatagramEchoServer.misbehaving(transport, dir.resolve("echo.sock"))) {
            LoadSpec spec = new LoadSpec(
                    new LoadShape.Open(2, 1024, 500, Arrival.POISSON),
                    transport,
                    Framing.LENGTH,
                    100,
                    1,
                    0,
                    700 * MS,
                    TIMEOUT_NS,
                    7,
                    0);
            LoadReport report = run(spec, server);
            assertExactAccounting(report, server);
            assertThat(report.load().shape()).isEqualTo("open");
            assertThat(report.load().arrival()).isEqualTo("poisson");
        }
    }

    private static LoadReport run(LoadSpec spec, DatagramEchoServer server) throws Exception {
        return new Generator(NanoClock.SYSTEM, CpuMeter.PROCESS)
                .run(spec, server.endpoint(), new LoadEngine.Listener() {}, null)
                .report();
    }

    private static void assertExactAccounting(LoadReport report, DatagramEchoServer server) {
        DatagramCounts udp = report.udp();
        assertThat(udp).isNotNull();
        // Every datagram sent reached the server (loopback; the rates are low enough that even a
        // stalled process's receive buffer holds the backlog), and the server's misdeeds are
        // counted one for one.
        assertThat(udp.sent()).isEqualTo(server.received()).isGreaterThan(30);
        assertThat(server.dropped()).isPositive();
        assertThat(server.duplicated()).isPositive();
        assertThat(server.reordered()).isPositive();
        // An echo the machine delayed past the timeout is counted lost, then late when it comes:
        // lost minus late is exactly what the server withheld. (Usually nothing is late, and
        // reordered is then exactly the server's count too.)
        assertThat(udp.lost() - udp.late()).isEqualTo(server.dropped() + server.stillHeld());
        assertThat(udp.duplicated()).isEqualTo(server.duplicated());
        assertThat(udp.reordered()).isBetween(server.reordered() - udp.late(), server.reordered());
        assertThat(udp.received()).isEqualTo(udp.sent() - udp.lost());
        // Only first echoes are latency samples; a loss is not an error, nor a duplicate.
        // Throughput counts echoes within the interval; with no warm-up every one of them is a
        // measured request, and the measured ones still in flight at its end came back after it.
        assertThat(report.load().requests())
                .isBetween(udp.received() - report.load().depth(), udp.received());
        assertThat(report.load().errors().total()).isZero();
        // A lost request never reached the histogram: nothing at or beyond the timeout.
        assertThat(report.latencyUs().raw().max()).isLessThan(TIMEOUT_NS / 1_000.0);
    }
}
