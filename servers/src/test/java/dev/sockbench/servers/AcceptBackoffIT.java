package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.AcceptBackoff;
import dev.sockbench.servers.reference.NativeEpollModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model, as its own process with the open-file limit lowered ({@code prlimit --nofile}, as
 * {@code ulimit -n}), held beyond it by more connections than it may accept: its accepts fail
 * with EMFILE, and it must back off instead of spinning — its CPU stays low and it retries about
 * once per {@link AcceptBackoff#PAUSE} — while a connection it accepted before keeps echoing, its
 * failures are counted on the USAGE line and logged, and once the connections go it accepts again.
 */
@Timeout(90)
class AcceptBackoffIT {
    /** Enough for the JVM's own files and jars, a few connections; far fewer than {@link #HELD}. */
    private static final int OPEN_FILE_LIMIT = 160;

    private static final int HELD = 300;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Payload PAYLOAD = new Payload(64, 1);

    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on every Linux build that matters). */
    private static final int TICKS_PER_SECOND = 100;

    static Stream<String> models() {
        return ServerModels.cells().stream()
                .filter(c -> c.transport() == Transport.TCP && c.ok())
                .filter(c ->
                        !(ServerModels.byId(c.model()) instanceof NativeEpollModel)) // the C reference: not ours to fix
                .map(Cell::model)
                .filter(m -> m.matches(System.getProperty("sockbench.cells", ".*")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void acceptFailuresBackOffAreCountedAndTheServerRecovers(String model) throws Exception {
        try (ServerProcess server = ServerProcess.startWithOpenFileLimit(OPEN_FILE_LIMIT, "-m", model)) {
            Endpoint endpoint = server.awaitListening(STARTUP);
            List<StreamClient> held = new ArrayList<>();
            try (StreamClient stays = StreamClient.connect(endpoint)) {
                stays.echo(PAYLOAD, 0);
                for (int i = 0; i < HELD; i++) {
                    held.add(StreamClient.connect(endpoint)); // the kernel completes them into the listen queue
                }
                ResourceUsage first = awaitAcceptFailures(server);

                long cpuBeforeTicks = cpuTicks(server.pid());
                long startNs = System.nanoTime();
                Thread.sleep(WINDOW); // a measuring window, not synchronisation
                long cpuTicks = cpuTicks(server.pid()) - cpuBeforeTicks;
                double seconds = (System.nanoTime() - startNs) / 1e9;
                long failures = usage(server).acceptFailures() - first.acceptFailures();

                // A spinning acceptor fails thousands of times a second on a whole core; backing off,
                // it retries once per pause (io_uring: a few accepts are in flight at once, each fails).
                long retriesAllowed = 10 * ((long) (seconds / AcceptBackoff.PAUSE.toSeconds()) + 1);
                assertThat(failures)
                        .as("accept failures in %.1f s (a pause is %s)", seconds, AcceptBackoff.PAUSE)
                        .isBetween(0L, retriesAllowed);
                assertThat(cpuTicks / (double) TICKS_PER_SECOND)
                        .as("server CPU seconds in a %.1f s window", seconds)
                        .isLessThan(seconds / 4);
                for (long seq = 1; seq <= 10; seq++) {
                    stays.echo(PAYLOAD, seq); // a connection accepted before is served throughout
                }
            } finally {
                for (StreamClient c : held) {
                    c.close();
                }
            }
            // Descriptors free again: after a pause it accepts (and drains the queue of closed ones).
            try (StreamClient later = StreamClient.connect(endpoint)) {
                later.echo(PAYLOAD, 99);
            }
            assertThat(server.stderr()).contains("accept failed").contains("Too many open files");
        }
    }

    /** Asks for USAGE until the server reports a failed accept; fails after 30 s. */
    private static ResourceUsage awaitAcceptFailures(ServerProcess server) throws Exception {
        long deadlineNs = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            ResourceUsage usage = usage(server);
            if (usage.acceptFailures() > 0) {
                return usage;
            }
            if (System.nanoTime() > deadlineNs) {
                throw new AssertionError("no accept failure reported within 30 s; stderr: " + server.stderr());
            }
            Thread.sleep(50); // polling a condition with a deadline
        }
    }

    private static ResourceUsage usage(ServerProcess server) throws Exception {
        server.send(ProcessLines.usageRequest());
        String line = server.nextStdoutLine(Duration.ofSeconds(30));
        return ProcessLines.parseUsageReply(String.valueOf(line))
                .orElseThrow(() -> new AssertionError("expected a USAGE line, got " + line));
    }

    /** utime + stime of {@code /proc/<pid>/stat}, fields 14 and 15, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // after "pid (comm) "
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14, 15 counted from 1
    }
}
