package dev.sockbench.bench.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code run.sh} finds a JDK 25: JAVA_HOME, then java on PATH, then the system's JVM folder
 * ({@code SOCKBENCH_JVM_DIR} stands in for {@code /usr/lib/jvm}); with none, one line saying what to
 * install, exit 2. {@code run.sh jdk} prints the choice and builds nothing.
 */
class RunScriptTest {
    private static final Path SCRIPT = Path.of("..", "run.sh").toAbsolutePath().normalize();
    /** The JDK running this test: the build needs 25, so it is one. */
    private static final Path JDK25 = Path.of(System.getProperty("java.home"));

    record Result(int exit, String out, String err) {}

    /** Runs {@code run.sh jdk} with exactly this environment (and HOME). */
    private static Result jdk(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "jdk");
        pb.environment().clear();
        pb.environment().put("HOME", System.getProperty("user.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    /** A folder holding only {@code java}, a script that claims {@code version}: a JRE, or an old JDK. */
    private static Path fakeJavaOnPath(Path dir, String version) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("old/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-04-15' >&2\n");
        java.toFile().setExecutable(true);
        return bin;
    }

    private static String path(Path first) {
        return first + ":/usr/bin:/bin";
    }

    @Test
    void javaHomeComesFirst(@TempDir Path dir) throws Exception {
        Result r = jdk(Map.of(
                "JAVA_HOME", JDK25.toString(),
                "PATH", path(fakeJavaOnPath(dir, "17.0.15")),
                "SOCKBENCH_JVM_DIR",
                        Files.createDirectories(dir.resolve("empty")).toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Path.of(r.out())).isEqualTo(JDK25);
    }

    @Test
    void javaOnPathIsUsedWhenJavaHomeIsTooOld(@TempDir Path dir) throws Exception {
        fakeJavaOnPath(dir, "17.0.15");
        Result r = jdk(Map.of(
                "JAVA_HOME", dir.resolve("old").toString(), // holds only the fake java 17
                "PATH", path(JDK25.resolve("bin")),
                "SOCKBENCH_JVM_DIR",
                        Files.createDirectories(dir.resolve("empty")).toString()));
        fakeJavaOnPath(dir, "17.0.15");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Path.of(r.out()).toRealPath()).isEqualTo(JDK25.toRealPath());
    }

    @Test
    void theSystemJvmFolderIsSearchedLast(@TempDir Path dir) throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Files.createSymbolicLink(jvms.resolve("some-jdk-25"), JDK25);
        Result r = jdk(Map.of("PATH", path(fakeJavaOnPath(dir, "17.0.15")), "SOCKBENCH_JVM_DIR", jvms.toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Path.of(r.out())).isEqualTo(jvms.resolve("some-jdk-25"));
    }

    @Test
    void noJdk25SaysWhatToInstallAndExitsTwo(@TempDir Path dir) throws Exception {
        Result r = jdk(Map.of(
                "PATH", path(fakeJavaOnPath(dir, "17.0.15")),
                "SOCKBENCH_JVM_DIR",
                        Files.createDirectories(dir.resolve("empty")).toString()));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err())
                .contains("needs a JDK 25 or newer")
                .contains("found: java 17 at " + dir.resolve("old/bin/java"))
                .contains("temurin-25-jdk")
                .contains("https://adoptium.net")
                .contains("your distribution's JDK 25")
                .doesNotContain("openjdk-25"); // no such package in Debian 12
    }
}
