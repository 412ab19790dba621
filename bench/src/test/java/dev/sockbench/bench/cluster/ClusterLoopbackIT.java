package dev.sockbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.runner.CaseOutcome;
import dev.sockbench.core.result.CaseStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster on loopback: three agent processes (the server's and two load agents) and the
 * controller in this JVM, all on 127.0.0.1; covers machines where network namespaces are not
 * available ({@link ClusterNamespaceIT} runs the same across namespaces). Then the server's host
 * killed mid-case: the case fails, saying so.
 */
@Timeout(600)
class ClusterLoopbackIT {
    @Test
    void aCaseSplitOverTwoLoadAgentsMergesExactlyAndALostAgentMakesItInvalid(@TempDir Path dir) throws Exception {
        String lo = "127.0.0.1";
        int s = freePort();
        int l1 = freePort();
        int l2 = freePort();
        List<String> members = List.of(lo + ":" + s, lo + ":" + l1, lo + ":" + l2);
        try (ClusterRig rig = new ClusterRig(dir)) {
            rig.startAgent(List.of(), "s", lo, s, members);
            rig.startAgent(List.of(), "l1", lo, l1, members);
            ClusterRig.AgentProcess server = rig.agents.getFirst();
            ClusterRig.AgentProcess lost = rig.startAgent(List.of(), "l2", lo, l2, members);
            try (ClusterCaseRunner controller =
                    rig.controller(lo, freePort(), members, new Placement("s", List.of("l1", "l2")))) {
                // Every host, as it describes itself.
                assertThat(controller.hosts())
                        .extracting(
                                h -> h.agent(),
                                h -> h.environment() != null && h.environment().cpus() > 0)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("s", true),
                                org.assertj.core.groups.Tuple.tuple("l1", true),
                                org.assertj.core.groups.Tuple.tuple("l2", true));
                rig.runAMergedCaseThenLoseAnAgent(controller, "s", lost);
            }
            // The server's host lost mid-case fails the case.
            try (ClusterCaseRunner controller =
                    rig.controller(lo, freePort(), members, new Placement("s", List.of("l1")))) {
                CompletableFuture<CaseOutcome> running = CompletableFuture.supplyAsync(() -> controller.run(
                        ClusterRig.closedCase("03-nio-epoll-tcp-closed-c4", 4, Duration.ofSeconds(8)),
                        dir.resolve("run").resolve("03")));
                rig.awaitLoadgen(rig.agents.get(1), running);
                server.kill();
                CaseOutcome outcome = running.get(ClusterRig.DEADLINE.toSeconds(), TimeUnit.SECONDS);
                assertThat(outcome.entry().status()).isEqualTo(CaseStatus.FAILED);
                assertThat(outcome.entry().reasons()).containsExactly("server host s left");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
