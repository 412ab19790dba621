package dev.sockbench.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.cli.SockbenchMain;
import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.ServerModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The real load generator → {@link FaultProxy} → a real echo server, on UDP and on Unix datagrams:
 * the generator's lost, duplicated and reordered counts equal what the proxy dropped, duplicated
 * and made arrive out of order, exactly, and nothing is late.
 */
@Timeout(120)
class FaultProxyIT {
    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"UDP", "UNIX_DGRAM"})
    void theGeneratorCountsExactlyWhatTheProxyDid(Transport transport) throws Exception {
        Endpoint bind = transport == Transport.UDP
                ? Endpoint.inet(transport, "127.0.0.1", 0)
                : Endpoint.unix(transport, folder.resolve("echo.sock"));
        FaultProxy.Faults faults = new FaultProxy.Faults(0.02, 0.02, 0.03, 0.03, Duration.ofMillis(3), 42, 1);
        try (RunningServer server = ServerModels.byId("blocking-platform").start(ServerConfig.of(bind));
                FaultProxy proxy = FaultProxy.start(null, server.endpoint(), faults)) {
            Path loadJson = folder.resolve("load.json");
            StringWriter err = new StringWriter();
            CommandLine cli = SockbenchMain.commandLine();
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));
            // Open loop, several requests in flight per connection (or nothing could be reordered), no
            // warm-up (every datagram the proxy sees is counted), a timeout far above any delay.
            int exit = cli.execute(
                    "loadgen",
                    "--target",
                    proxy.endpoint().toString(),
                    "-s",
                    "open",
                    "-c",
                    "2",
                    "--depth",
                    "32",
                    "-R",
                    "600",
                    "--warmup",
                    "0s",
                    "-d",
                    "3s",
                    "--timeout",
                    "500ms",
                    "--load-json",
                    loadJson.toString());
            LoadReport load = ResultFiles.readLoadReport(loadJson);
            FaultProxy.Counts did = proxy.counts();
            DatagramCounts counted = load.udp();

            assertThat(exit).as("exit code; stderr: %s", err).isIn(0, 1); // 1: invalid, as a lossy case is
            assertThat(did.dropped())
                    .as("the proxy did something of each kind: %s", did)
                    .isPositive();
            assertThat(did.duplicated()).isPositive();
            assertThat(did.reordered()).isPositive();
            assertThat(did.clients())
                    .as("the connectivity check and two connections")
                    .isEqualTo(3);
            assertThat(counted.sent())
                    .as("every datagram but the connectivity check's")
                    .isEqualTo(did.received() - 1);
            assertThat(counted.lost()).as("lost = dropped; proxy: %s", did).isEqualTo(did.dropped());
            assertThat(counted.duplicated()).as("duplicated; proxy: %s", did).isEqualTo(did.duplicated());
            assertThat(counted.reordered()).as("reordered; proxy: %s", did).isEqualTo(did.reordered());
            assertThat(counted.late()).isZero();
        }
    }
}
