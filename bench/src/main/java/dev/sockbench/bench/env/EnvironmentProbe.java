package dev.sockbench.bench.env;

import dev.sockbench.core.JvmFlags;
import dev.sockbench.core.result.Environment;
import dev.sockbench.loadgen.WarmupPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Captures the {@link Environment} of a run: this JDK (the server and load generator processes
 * run on the same one), the JVM flags, OS, kernel, CPU, memory, host, the source's git commit
 * and the pinning. Each item that cannot be read says {@code unknown} rather than failing the run.
 *
 * <p>It records no environment variable (the allow-list is empty): a user's environment holds
 * tokens and passwords, and a results folder is made to be shared. {@code SockbenchCliIT} runs
 * with a secret in the environment and finds it in no file of the run.
 */
public final class EnvironmentProbe {
    static final String UNKNOWN = "unknown";

    private final Path procRoot;
    private final Path sourceDir;

    /**
     * @param procRoot the {@code /proc} tree to read the machine from
     * @param sourceDir the sockbench checkout, for its git commit
     */
    public EnvironmentProbe(Path procRoot, Path sourceDir) {
        this.procRoot = procRoot;
        this.sourceDir = sourceDir;
    }

    /** The real machine; the checkout is {@code sourceDir}. */
    public static EnvironmentProbe system(Path sourceDir) {
        return new EnvironmentProbe(Path.of("/proc"), sourceDir);
    }

    public Environment capture(Pinning pinning) {
        return new Environment(
                BuildInfo.version(),
                gitSha(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                JvmFlags.ALL,
                WarmupPolicy.GENERATOR_JVM_FLAGS,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                firstLine(procRoot.resolve("sys/kernel/osrelease")).orElse(UNKNOWN),
                cpuModel().orElse(UNKNOWN),
                Runtime.getRuntime().availableProcessors(),
                memoryBytes(),
                firstLine(procRoot.resolve("sys/kernel/hostname")).orElse(UNKNOWN),
                pinning.asMap(),
                pinning.note());
    }

    /** {@code model name} of the first CPU in {@code cpuinfo}. */
    Optional<String> cpuModel() {
        return lines(procRoot.resolve("cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst();
    }

    /** {@code MemTotal} of {@code meminfo}, bytes; null when unknown. */
    Long memoryBytes() {
        return lines(procRoot.resolve("meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                .findFirst()
                .orElse(null);
    }

    /**
     * {@code git rev-parse HEAD} of the checkout, with {@code -dirty} when tracked files differ
     * from it; {@code unknown} without git or outside a repository.
     */
    String gitSha() {
        Optional<String> sha = git("rev-parse", "HEAD");
        if (sha.isEmpty() || sha.get().isBlank()) {
            return UNKNOWN;
        }
        boolean dirty = git("status", "--porcelain", "--untracked-files=no")
                .map(s -> !s.isBlank())
                .orElse(false);
        return sha.get().trim() + (dirty ? "-dirty" : "");
    }

    private Optional<String> git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", sourceDir.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<String> firstLine(Path file) {
        return lines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).findFirst();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
