package dev.sockbench.bench.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster on loopback: three agent processes (the server's and two load agents) and the
 * controller in this JVM, all on 127.0.0.1; covers machines where network namespaces are not
 * available ({@link ClusterNamespaceIT} runs the same across namespaces).
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
            ClusterRig.AgentProcess lost = rig.startAgent(List.of(), "l2", lo, l2, members);
            try (ClusterCaseRunner controller =
                    rig.controller(lo, freePort(), members, new Placement("s", List.of("l1", "l2")))) {
                rig.runAMergedCaseThenLoseAnAgent(controller, "s", lost);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
