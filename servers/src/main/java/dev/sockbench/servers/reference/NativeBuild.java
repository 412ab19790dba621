package dev.sockbench.servers.reference;

import dev.sockbench.core.server.Availability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the native reference server ({@code bench/native/echo-epoll.c}, shipped in the jar) with
 * the machine's C compiler, once: the executable is cached under {@code
 * $XDG_CACHE_HOME/sockbench/native/<hash of the source>/} (default {@code ~/.cache}), so a changed
 * source is compiled again and an unchanged one never. Without a C compiler the model is {@code
 * unavailable: no C compiler}.
 */
final class NativeBuild {
    static final String SOURCE = "echo-epoll.c";
    static final String EXECUTABLE = "echo-epoll";
    private static final String[] COMPILERS = {"cc", "gcc", "clang"};
    private static final long COMPILE_DEADLINE_SEC = 120;

    /** The executable, or why there is none. */
    record Result(Path executable, Availability availability) {}

    private static Result result;

    private NativeBuild() {}

    /** The executable, compiled now if it is not cached yet; thread-safe, compiled once per JVM. */
    static synchronized Result executable() {
        if (result == null) {
            result = build();
        }
        return result;
    }

    private static Result build() {
        byte[] source;
        try (InputStream in = NativeBuild.class.getResourceAsStream("/native/" + SOURCE)) {
            if (in == null) {
                return unavailable("the C source " + SOURCE + " is not in this build");
            }
            source = in.readAllBytes();
        } catch (IOException e) {
            return unavailable("cannot read the C source: " + e.getMessage());
        }
        Path dir = cacheRoot().resolve("native").resolve(hash(source));
        Path executable = dir.resolve(EXECUTABLE);
        if (Files.isExecutable(executable)) {
            return new Result(executable, Availability.AVAILABLE);
        }
        Optional<Path> compiler = compiler();
        if (compiler.isEmpty()) {
            return unavailable("no C compiler (cc, gcc or clang on the PATH) to build the native reference server");
        }
        try {
            Files.createDirectories(dir);
            Path src = Files.createTempFile(dir, "echo-epoll-", ".c");
            Path tmp = Files.createTempFile(dir, "echo-epoll-", ".tmp");
            Files.write(src, source);
            Process cc = new ProcessBuilder(compiler.get().toString(), "-O2", "-o", tmp.toString(), src.toString())
                    .redirectErrorStream(true)
                    .start();
            cc.getOutputStream().close();
            String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = cc.waitFor(COMPILE_DEADLINE_SEC, TimeUnit.SECONDS);
            Files.deleteIfExists(src);
            if (!done || cc.exitValue() != 0) {
                cc.destroyForcibly();
                Files.deleteIfExists(tmp);
                return unavailable("the C compiler failed on " + SOURCE + ": "
                        + output.lines().findFirst().orElse("exit " + (done ? cc.exitValue() : "timeout")));
            }
            // Renamed into place: a concurrent build of the same source leaves one whole executable.
            Files.move(tmp, executable, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Result(executable, Availability.AVAILABLE);
        } catch (IOException e) {
            return unavailable("cannot build the native reference server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while building the native reference server");
        }
    }

    private static Result unavailable(String reason) {
        return new Result(null, Availability.unavailable(reason));
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("sockbench");
    }

    private static Optional<Path> compiler() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : COMPILERS) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String hash(byte[] source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
