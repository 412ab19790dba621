package dev.sockbench.bench.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster across network namespaces: a server namespace and two load namespaces, each joined to
 * a bridge in this namespace by a veth pair, an agent in each, the controller here on the bridge's
 * address. Traffic goes only to these namespaces' addresses. Needs root and {@code ip netns}; skips
 * with a message elsewhere. The namespaces and the bridge are removed whatever happens.
 */
@Timeout(600)
class ClusterNamespaceIT {
    private static final long PID = ProcessHandle.current().pid();
    /** A /24 of its own per test JVM, so that parallel runs do not meet. */
    private static final String NET = "10.216." + (PID % 250 + 1) + ".";

    private static final String BRIDGE = "sbbr" + PID % 100_000;
    private static final List<String> ROLES = List.of("s", "l1", "l2");

    @Test
    void aCaseAcrossNamespacesMergesExactlyAndALostAgentMakesItInvalid(@TempDir Path dir) throws Exception {
        List<Runnable> cleanup = new ArrayList<>();
        try {
            String why = build(cleanup);
            assumeTrue(
                    why == null,
                    "network namespaces unavailable here (" + why + "); ClusterLoopbackIT covers the rest");
            List<String> members = new ArrayList<>();
            for (int i = 0; i < ROLES.size(); i++) {
                members.add(address(i) + ":5701");
            }
            try (ClusterRig rig = new ClusterRig(dir)) {
                List<ClusterRig.AgentProcess> agents = new ArrayList<>();
                for (int i = 0; i < ROLES.size(); i++) {
                    agents.add(rig.startAgent(
                            List.of("ip", "netns", "exec", namespace(i)), ROLES.get(i), address(i), 5701, members));
                }
                try (ClusterCaseRunner controller =
                        rig.controller(NET + "1", 5701, members, new Placement("s", List.of("l1", "l2")))) {
                    rig.runAMergedCaseThenLoseAnAgent(controller, "s", agents.get(2));
                }
            }
        } finally {
            for (Runnable r : cleanup.reversed()) {
                r.run();
            }
        }
    }

    private static String namespace(int i) {
        return "sb16-" + ROLES.get(i) + "-" + PID;
    }

    private static String address(int i) {
        return NET + (i + 2);
    }

    /** Builds the bridge and the namespaces, registering each removal; null when done, else why not. */
    private static String build(List<Runnable> cleanup) throws IOException, InterruptedException {
        String problem = ip("link", "add", BRIDGE, "type", "bridge");
        if (problem != null) {
            return problem;
        }
        cleanup.add(() -> ip("link", "del", BRIDGE));
        for (String step : List.of("addr add " + NET + "1/24 dev " + BRIDGE, "link set " + BRIDGE + " up")) {
            if ((problem = ip(step.split(" "))) != null) {
                return problem;
            }
        }
        for (int i = 0; i < ROLES.size(); i++) {
            String ns = namespace(i);
            if ((problem = ip("netns", "add", ns)) != null) {
                return problem;
            }
            cleanup.add(() -> ip("netns", "del", ns)); // its end of the veth pair goes with it
            String host = "sbv" + i + "-" + PID % 100_000;
            for (String step : List.of(
                    "link add " + host + " type veth peer name eth0 netns " + ns,
                    "link set " + host + " master " + BRIDGE + " up",
                    "-n " + ns + " addr add " + address(i) + "/24 dev eth0",
                    "-n " + ns + " link set eth0 up",
                    "-n " + ns + " link set lo up")) {
                if ((problem = ip(step.split(" "))) != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** Runs {@code ip ARGS}; null when it succeeded, else its complaint. */
    private static String ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + ": no answer in 30 s";
            }
            return p.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
        } catch (IOException e) {
            return "cannot run ip: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
