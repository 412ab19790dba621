package dev.sockbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.cli.SockbenchMain;
import dev.sockbench.core.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The agent refuses to start, in one line and exit 2, without what it needs or with a key others can read. */
class AgentCommandTest {
    private static String[] agent(Path key, String... more) {
        String[] base = {
            "agent",
            "--cluster",
            "lab",
            "--members",
            "127.0.0.1:1",
            "--interface",
            "127.0.0.1",
            "--key-file",
            key.toString()
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String badInput(String... args) {
        CommandLine cl = SockbenchMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(args)).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).hasSize(1);
        return err.toString();
    }

    @Test
    void aKeyFileOthersCanReadAMissingInterfaceOrABadNameIsRefused(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("cluster.key");
        Files.write(key, new byte[32]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(badInput(agent(key))).contains("readable by others");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(badInput(agent(key, "--name", "../x"))).contains("--name takes");
        assertThat(badInput("agent", "--cluster", "lab", "--members", "127.0.0.1", "--key-file", key.toString()))
                .contains("--interface ADDR is required");
        assertThat(badInput(
                        "agent",
                        "--cluster",
                        "lab",
                        "--members",
                        "127.0.0.1",
                        "--interface",
                        "eth0",
                        "--key-file",
                        key.toString()))
                .contains("--interface takes an IP address");
    }
}
