package dev.sockbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.runner.CaseOutcome;
import dev.sockbench.bench.testing.FakeServer;
import dev.sockbench.core.result.CaseStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that does not answer: its server never says LISTENING (the agent would wait a minute),
 * and the controller gives up after its own deadline, failing the case with the agent's name —
 * nothing waits on it. Controller and agent are members in this JVM, on loopback.
 */
@Timeout(300)
class ClusterSilentAgentIT {
    @Test
    void aServerHostThatDoesNotAnswerFailsTheCaseWithItsName(@TempDir Path dir) throws Exception {
        ClusterKey key = new ClusterKey("a key of thirty-two bytes.......".getBytes(StandardCharsets.US_ASCII));
        String cluster = "sockbench-silent-" + UUID.randomUUID().toString().substring(0, 8);
        int agentPort = freePort();
        int controllerPort = freePort();
        List<String> members = List.of("127.0.0.1:" + agentPort, "127.0.0.1:" + controllerPort);
        ChildProcesses children = new ChildProcesses();
        Agent agent = TestAgents.agent("quiet", key, FakeServer.Silent.class, children, dir);
        HazelcastInstance agentMember = null;
        ClusterCaseRunner controller = null;
        try {
            Config config = options(cluster, members, agentPort).memberConfig("quiet", false);
            config.getUserContext().put(Agent.CONTEXT_KEY, agent);
            agentMember = Hazelcast.newHazelcastInstance(config);
            agent.attach(agentMember);
            controller = new ClusterCaseRunner(
                    Hazelcast.newHazelcastInstance(
                            options(cluster, members, controllerPort).memberConfig("controller", true)),
                    key,
                    new Placement("quiet", List.of("quiet")),
                    new ClusterCaseRunner.Settings(
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(2),
                            Duration.ofMillis(100)));
            controller.awaitAgents(Duration.ofSeconds(120));

            CaseOutcome outcome = controller.run(
                    ClusterRig.closedCase("01-nio-epoll-tcp-closed-c4", 4, Duration.ofSeconds(1)), dir.resolve("case"));

            assertThat(outcome.entry().status()).isEqualTo(CaseStatus.FAILED);
            assertThat(outcome.entry().reasons()).containsExactly("server host quiet did not answer within 2 s");
        } finally {
            if (controller != null) {
                controller.close();
            }
            agent.close();
            if (agentMember != null) {
                agentMember.getLifecycleService().terminate();
            }
        }
    }

    private static ClusterOptions options(String cluster, List<String> members, int port) {
        ClusterOptions options = new ClusterOptions();
        options.cluster = cluster;
        options.members = members;
        options.bindAddress = "127.0.0.1";
        options.port = port;
        return options;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
