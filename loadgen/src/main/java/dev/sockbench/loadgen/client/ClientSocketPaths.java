package dev.sockbench.loadgen.client;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A private folder (mode 0700) for the socket files Unix datagram clients bind: a datagram server
 * replies to the sender's address, so each client socket needs a path of its own. Paths are
 * short, because a Unix socket path must fit in 108 bytes. {@link #close} deletes what is left.
 * Thread-safe.
 */
public final class ClientSocketPaths implements Closeable {
    private final Path dir;
    private final AtomicLong next = new AtomicLong();

    private ClientSocketPaths(Path dir) {
        this.dir = dir;
    }

    /** Creates a fresh private folder under the system temporary folder. */
    public static ClientSocketPaths create() throws IOException {
        Path dir = Files.createTempDirectory(
                Path.of(System.getProperty("java.io.tmpdir")),
                "sblg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new ClientSocketPaths(dir);
    }

    /** A path no client has used yet. */
    public Path next() {
        return dir.resolve("c" + next.getAndIncrement());
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
