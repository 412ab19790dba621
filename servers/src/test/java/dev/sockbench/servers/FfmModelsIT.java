package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.server.ServerModel;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.ffm.FfmModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the {@code ffm-*} models add beyond the conformance suite (which runs them like every
 * model): {@code ffm-select} refuses a descriptor beyond {@code FD_SETSIZE} and serves on, and
 * the test-only non-draining handler stalls edge-triggered but not level-triggered.
 */
@Timeout(60)
class FfmModelsIT {
    private static final Endpoint TCP = Endpoint.inet(Transport.TCP, "127.0.0.1", 0);
    private static final Payload PAYLOAD = new Payload(200, 7); // many times the non-draining read
    /** How long a stalled echo is given: a measuring window, far beyond a loopback round trip. */
    private static final Duration STALL_WINDOW = Duration.ofSeconds(1);

    @Test
    void selectClosesAndCountsADescriptorBeyondFdSetsizeAndServesOn() throws Exception {
        try (RunningServer server = ServerModels.byId("ffm-select").start(ServerConfig.of(TCP))) {
            List<FileChannel> fillers = new ArrayList<>();
            try {
                // Every descriptor below 1,030 taken, so the next accepted connection's is >= 1024.
                while (openDescriptors() < 1030) {
                    fillers.add(FileChannel.open(Path.of("/dev/null")));
                }
                try (StreamClient beyond = StreamClient.connect(server.endpoint())) {
                    beyond.write(StreamClient.frame(PAYLOAD, 1));
                    assertThat(beyond.closedByServer()).isTrue();
                }
                assertThat(server.acceptFailures()).isEqualTo(1);
            } finally {
                for (FileChannel filler : fillers) {
                    filler.close();
                }
            }
            try (StreamClient within = StreamClient.connect(server.endpoint())) {
                within.echo(PAYLOAD, 2);
            }
            assertThat(server.acceptFailures()).isEqualTo(1);
        }
    }

    @Test
    void edgeTriggeredWithoutDrainingStallsLevelTriggeredDoesNot() throws Exception {
        try (RunningServer level = ServerModels.byId("ffm-epoll-lt-nodrain").start(ServerConfig.of(TCP));
                StreamClient client = StreamClient.connect(level.endpoint())) {
            client.echo(PAYLOAD, 1); // 204 bytes, read 16 at a time: notified again while bytes remain
        }
        try (RunningServer edge = ServerModels.byId("ffm-epoll-et-nodrain").start(ServerConfig.of(TCP));
                StreamClient client = StreamClient.connect(edge.endpoint())) {
            ByteBuffer frame = StreamClient.frame(PAYLOAD, 1);
            client.write(frame);
            Thread.sleep(STALL_WINDOW); // a measuring window: nothing may come back in it
            assertThat(client.availableWithoutWaiting())
                    .as("echoed bytes: one edge, one short read, and the rest never read")
                    .isZero();
        }
    }

    @Test
    void theNonDrainingModelsAreFoundByIdButNeverListed() {
        assertThat(FfmModel.noDrain()).extracting(ServerModel::id).allSatisfy(id -> {
            assertThat(ServerModels.find(id)).isPresent();
            assertThat(ServerModels.all()).extracting(ServerModel::id).doesNotContain(id);
        });
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
