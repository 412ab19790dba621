package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ServerMain} as the suite runner uses it: a real process, its stdout line, SIGTERM, exit code. */
@Timeout(120)
class ServerMainIT {
    @TempDir
    Path clientFolder;

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @ValueSource(strings = {"blocking-platform", "nio-epoll"})
    void servesTcpUntilSigtermThenExitsZero(String model) throws Exception {
        try (ServerProcess server = ServerProcess.start("--model", model, "--port", "0")) {
            Endpoint endpoint = server.awaitListening(STARTUP);
            assertThat(endpoint.transport()).isEqualTo(Transport.TCP);
            assertThat(endpoint.host()).isEqualTo("127.0.0.1");
            assertThat(endpoint.port()).isPositive();

            Payload payload = new Payload(64, 1);
            try (StreamClient client = StreamClient.connect(endpoint)) {
                for (long seq = 0; seq < 10; seq++) {
                    client.echo(payload, seq);
                }
            }
            // An open connection must not keep the server from exiting.
            try (StreamClient idle = StreamClient.connect(endpoint)) {
                idle.echo(payload, 99);
                assertThat(server.terminate(EXIT))
                        .as("exit code; stderr: " + server.stderr())
                        .isZero();
                assertThat(idle.closedByServer()).isTrue();
            }
            assertThat(server.nextStdoutLine(Duration.ofSeconds(5)))
                    .as("nothing after LISTENING")
                    .isNull();
            assertThat(server.stderr()).isEmpty();
        }
    }

    @Test
    void answersUsageOnStdinWithTheCpuAndSwitchesOfThreadsThatHaveExited() throws Exception {
        try (ServerProcess server = ServerProcess.start("--model", "blocking-platform")) {
            Endpoint endpoint = server.awaitListening(STARTUP);
            server.send(ProcessLines.usageRequest());
            ResourceUsage before = usage(server.nextStdoutLine(STARTUP));

            // Each echo blocks the connection's thread in read until the next request: a voluntary
            // switch each, almost always. The connections close, so their threads have exited by the
            // second reading: /proc/<pid>/task would have forgotten them, getrusage has not.
            int echoes = 500;
            Payload payload = new Payload(64, 3);
            for (int c = 0; c < 2; c++) {
                try (StreamClient client = StreamClient.connect(endpoint)) {
                    for (long seq = 0; seq < echoes / 2; seq++) {
                        client.echo(payload, seq);
                    }
                }
            }
            server.send("HELP"); // not a command: ignored, no answer
            server.send(ProcessLines.usageRequest());
            ResourceUsage after = usage(server.nextStdoutLine(STARTUP));

            ResourceUsage used = after.minus(before);
            assertThat(used.userCpuUs() + used.sysCpuUs()).isPositive();
            assertThat(used.voluntaryCtxSwitches()).isGreaterThanOrEqualTo(echoes / 2);

            // Without stdin the server goes on serving and still stops cleanly.
            server.closeStdin();
            try (StreamClient client = StreamClient.connect(endpoint)) {
                client.echo(payload, 1);
            }
            assertThat(server.terminate(EXIT))
                    .as("exit code; stderr: " + server.stderr())
                    .isZero();
            assertThat(server.nextStdoutLine(Duration.ofSeconds(5)))
                    .as("one answer per USAGE, nothing for other lines")
                    .isNull();
            assertThat(server.stderr()).isEmpty();
        }
    }

    @Test
    void aRequestThatDoesNotDecodeIsCountedOnTheUsageLine() throws Exception {
        try (ServerProcess server = ServerProcess.start("--model", "nio-epoll", "--handler", "json")) {
            Endpoint endpoint = server.awaitListening(STARTUP);
            try (StreamClient bad = StreamClient.connect(endpoint)) {
                ByteBuffer frame = ByteBuffer.allocate(LengthFraming.PREFIX_BYTES + Payload.HEADER_BYTES + 8);
                LengthFraming.putPrefix(frame, Payload.HEADER_BYTES + 8);
                frame.putLong(1).putLong(2).putLong(0xFFFF_FFFF_FFFF_FFFFL); // a header, then no JSON
                bad.write(frame.flip());
                assertThat(bad.closedByServer()).isTrue();
            }
            // Counted before the server closed the connection, so before this USAGE is asked.
            server.send(ProcessLines.usageRequest());
            assertThat(usage(server.nextStdoutLine(STARTUP)).malformedRequests())
                    .isEqualTo(1);
            assertThat(server.terminate(EXIT)).isZero();
            assertThat(server.stderr()).contains("closed 1 connection(s) on a request that did not decode");
        }
    }

    private static ResourceUsage usage(String line) {
        assertThat(line).as("answer to USAGE").isNotNull();
        return ProcessLines.parseUsageReply(line)
                .orElseThrow(() -> new AssertionError("expected a USAGE answer, got '" + line + "'"));
    }

    @ParameterizedTest
    @CsvSource({"nio-epoll, unix-stream", "netty-epoll-lt, unix-dgram", "blocking-virtual, unix-dgram"})
    void unixSocketFileAndItsPrivateFolderAreRemovedOnSigterm(String model, String transport) throws Exception {
        try (ServerProcess server = ServerProcess.start("-m", model, "-T", transport)) {
            Endpoint endpoint = server.awaitListening(STARTUP);
            assertThat(endpoint.transport()).isEqualTo(Transport.fromId(transport));
            Path folder = endpoint.path().getParent();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .isEqualTo("rwx------");
            if (endpoint.transport().streamOriented()) {
                try (StreamClient client = StreamClient.connect(endpoint)) {
                    client.echo(new Payload(64, 2), 1);
                }
            } else {
                try (DatagramClient client = DatagramClient.open(endpoint, clientFolder, "client")) {
                    byte[] datagram = new byte[64];
                    datagram[0] = 42;
                    client.send(datagram);
                    assertThat(client.receive()).isEqualTo(datagram);
                }
            }
            assertThat(server.terminate(EXIT))
                    .as("exit code; stderr: " + server.stderr())
                    .isZero();
            assertThat(endpoint.path()).doesNotExist();
            assertThat(folder).doesNotExist();
        }
    }

    @Test
    void tcpPortInUseIsOneLineAndExitTwo() throws Exception {
        try (ServerSocketChannel squatter = ServerSocketChannel.open()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
            try (ServerProcess server = ServerProcess.start("-m", "nio-epoll", "-p", Integer.toString(port))) {
                assertThat(server.waitFor(STARTUP)).isEqualTo(2);
                assertThat(server.stderr().lines().toList())
                        .singleElement()
                        .asString()
                        .contains("tcp://127.0.0.1:" + port)
                        .contains("in use");
                assertThat(server.nextStdoutLine(Duration.ofSeconds(5))).isNull();
            }
        }
    }

    @Test
    void udpPortInUseIsOneLineAndExitTwo() throws Exception {
        try (DatagramChannel squatter = DatagramChannel.open()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
            try (ServerProcess server =
                    ServerProcess.start("-m", "blocking-platform", "-T", "udp", "-p", Integer.toString(port))) {
                assertThat(server.waitFor(STARTUP)).isEqualTo(2);
                assertThat(server.stderr().lines().toList())
                        .singleElement()
                        .asString()
                        .contains("udp://127.0.0.1:" + port)
                        .contains("in use");
            }
        }
    }
}
