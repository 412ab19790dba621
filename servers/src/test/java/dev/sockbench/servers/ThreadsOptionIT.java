package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --threads} reaches the models that have threads to count, and blocking-pool queues. */
@Timeout(60)
class ThreadsOptionIT {
    private static final Payload SMALL = new Payload(64, 1);

    @ParameterizedTest(name = "{0} --threads 3 → 3 threads named {1}*")
    @CsvSource({"nio-multi, nio-multi-loop-", "nio2-async, nio2-async-", "blocking-pool, blocking-pool-"})
    void threadCountFollowsTheOption(String model, String threadPrefix) throws Exception {
        // UDP makes blocking-pool start all its receivers at once; the others start theirs on start.
        Transport transport = model.equals("nio2-async") ? Transport.TCP : Transport.UDP;
        try (RunningServer server = ServerModels.byId(model)
                .start(ServerConfig.of(Endpoint.inet(transport, "127.0.0.1", 0)).withThreads(3))) {
            assertThat(threadsNamed(threadPrefix)).isEqualTo(3);
        }
        // close() returns once the pool has terminated; a worker thread then still takes a moment
        // to leave its run method, so its end is waited for, with a deadline.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (threadsNamed(threadPrefix) > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(threadsNamed(threadPrefix)).as("after close").isZero();
    }

    @Test
    void blockingPoolConnectionsQueueForAFreeThread() throws Exception {
        try (RunningServer server = ServerModels.byId("blocking-pool")
                        .start(ServerConfig.of(Endpoint.inet(Transport.TCP, "127.0.0.1", 0))
                                .withThreads(1));
                StreamClient first = StreamClient.connect(server.endpoint());
                StreamClient second = StreamClient.connect(server.endpoint())) {
            first.echo(SMALL, 1); // the pool's one thread now serves the first connection
            ByteBuffer frame = StreamClient.frame(SMALL, 2);
            second.write(frame.duplicate());
            for (long seq = 3; seq < 13; seq++) {
                first.echo(SMALL, seq); // the first is served all along...
            }
            assertThat(second.availableWithoutWaiting())
                    .as("...while the second waits for the thread")
                    .isZero();
            first.close(); // frees the thread
            second.assertEcho(SMALL, 2, frame);
        }
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }
}
