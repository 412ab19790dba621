package dev.sockbench.bench.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.process.CpuSet;
import dev.sockbench.core.result.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentProbeTest {

    private static Path fixture() throws Exception {
        return Path.of(EnvironmentProbeTest.class.getResource("/proc-fixture").toURI());
    }

    @Test
    void readsTheMachineFromAProcTree(@TempDir Path notARepo) throws Exception {
        Environment env = new EnvironmentProbe(fixture(), notARepo).capture(Pinning.unpinned("test"));

        assertThat(env.kernel()).isEqualTo("6.1.0-test");
        assertThat(env.hostname()).isEqualTo("fixture-host");
        assertThat(env.cpuModel()).isEqualTo("Test CPU 9000 @ 3.00GHz");
        assertThat(env.memoryBytes()).isEqualTo(2_048_000L * 1024);
        // The flags recorded are the ones every child JVM is started with, right after java.
        List<String> child = TestProcesses.java().build(List.of(), List.of(), "Main", List.of());
        assertThat(child.subList(1, child.indexOf("-cp"))).isEqualTo(env.jvmFlags());
        assertThat(env.jdk()).contains(System.getProperty("java.runtime.version"));
        assertThat(env.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(env.pinning()).isEmpty();
        assertThat(env.pinningNote()).isEqualTo("not pinned: test");
        assertThat(env.gitSha()).isEqualTo("unknown");
    }

    @Test
    void readsThisMachine(@TempDir Path dir) throws Exception {
        Environment env = EnvironmentProbe.system(dir).capture(Pinning.plan(CpuSet.parse("0-1"), null));

        assertThat(env.kernel())
                .isEqualTo(
                        Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        assertThat(env.memoryBytes()).isPositive();
        assertThat(env.hostname()).isNotBlank().isNotEqualTo("unknown");
        assertThat(env.os()).startsWith("Linux");
        assertThat(env.pinning()).containsEntry("server", "1").containsEntry("loadgen", "0");
    }

    @Test
    void gitShaOfACheckoutAndWhetherItIsDirty(@TempDir Path repo) throws Exception {
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("a.txt"), "one");
        git(repo, "add", "a.txt");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
        EnvironmentProbe probe = new EnvironmentProbe(fixture(), repo);

        String sha = probe.gitSha();
        assertThat(sha).matches("[0-9a-f]{40}");

        Files.writeString(repo.resolve("a.txt"), "two");
        assertThat(probe.gitSha()).isEqualTo(sha + "-dirty");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git " + String.join(" ", args)).isZero();
    }
}
