package dev.sockbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.bench.cluster.Wire.Reply;
import dev.sockbench.bench.cluster.Wire.Task;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.testing.FakeServer;
import dev.sockbench.core.cli.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent runs a task only when it carries a valid signature under the cluster's key, and then
 * only sockbench's own server with options it checked: a task signed with another key, unsigned,
 * or tampered with starts no process; a validly signed one does (the stand-in server, a real
 * process). The key file must be the owner's alone.
 */
class AgentSecurityTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private ChildProcesses children;
    private Agent agent;

    @BeforeEach
    void agent() {
        children = new ChildProcesses();
        agent = TestAgents.agent("a1", new ClusterKey(SECRET), FakeServer.class, children, dir);
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private static byte[] serverStart(String token, List<String> serverArgs) {
        return Wire.json(Task.serverStart(token, "c", "nio-epoll", "tcp", serverArgs, 1));
    }

    private static long processes() {
        return ProcessHandle.current().children().count();
    }

    @Test
    void aTaskSignedWithAnotherKeyUnsignedOrTamperedWithStartsNothing() {
        long before = processes();
        byte[] body = serverStart("case-1", List.of("--framing", "length"));
        ClusterKey other = new ClusterKey("another key, 32 bytes long......".getBytes(StandardCharsets.US_ASCII));

        for (byte[] signature : List.of(other.sign(body), new byte[0], new byte[32])) {
            Reply reply = Wire.parse(agent.handle(body, signature), Reply.class);
            assertThat(reply.error()).startsWith("refused: the task is not signed with this cluster's key");
            assertThat(reply.endpoint()).isNull();
        }
        Reply unsigned = Wire.parse(agent.handle(body, null), Reply.class);
        assertThat(unsigned.error()).startsWith("refused");

        // Signed, then changed: a model swapped in after signing.
        byte[] signature = new ClusterKey(SECRET).sign(body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("nio-epoll", "netty-nio")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Wire.parse(agent.handle(tampered, signature), Reply.class).error())
                .startsWith("refused");
        assertThat(processes()).isEqualTo(before);
    }

    @Test
    void aValidlySignedTaskStartsTheServerAndOnlyWithOptionsTheAgentChecked() {
        ClusterKey key = new ClusterKey(SECRET);
        long before = processes();

        // Options a task may not set, even signed: no process.
        for (List<String> args :
                List.of(List.of("--path", "/etc/passwd"), List.of("--threads", "0"), List.of("--framing"))) {
            byte[] body = serverStart("case-bad", args);
            Reply reply = Wire.parse(agent.handle(body, key.sign(body)), Reply.class);
            assertThat(reply.error()).as("%s", args).startsWith("refused");
        }
        byte[] unknownModel = Wire.json(Task.serverStart("case-x", "c", "/bin/sh", "tcp", List.of(), 1));
        assertThat(Wire.parse(agent.handle(unknownModel, key.sign(unknownModel)), Reply.class)
                        .error())
                .startsWith("refused: unknown model");
        byte[] badToken = serverStart("../../etc", List.of());
        assertThat(Wire.parse(agent.handle(badToken, key.sign(badToken)), Reply.class)
                        .error())
                .startsWith("refused");
        byte[] badLoad =
                Wire.json(Task.loadPrepare("case-y", "c", "tcp", List.of("--json", "/tmp/x"), "tcp://127.0.0.1:1"));
        assertThat(Wire.parse(agent.handle(badLoad, key.sign(badLoad)), Reply.class)
                        .error())
                .contains("--json");
        assertThat(processes()).isEqualTo(before);

        byte[] good = serverStart("case-2", List.of("--framing", "length", "--threads", "2"));
        Reply reply = Wire.parse(agent.handle(good, key.sign(good)), Reply.class);
        assertThat(reply.error()).isNull();
        assertThat(reply.endpoint()).startsWith("tcp://127.0.0.1:");
        assertThat(processes()).isEqualTo(before + 1);
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedInOneLine() throws Exception {
        Path key = dir.resolve("cluster.key");
        Files.write(key, SECRET);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ClusterKey.read(key))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("readable by others")
                .hasMessageNotContaining("\n");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(ClusterKey.read(key).verify(SECRET, new ClusterKey(SECRET).sign(SECRET)))
                .isTrue();

        Files.write(key, new byte[8]);
        assertThatThrownBy(() -> ClusterKey.read(key)).hasMessageContaining("at least 16");
    }
}
