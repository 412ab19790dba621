package dev.sockbench.servers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** Real socket files: a dead server's, a live stream server's, a live datagram server's. */
class SocketFilesTest {
    @TempDir
    Path folder;

    private Endpoint unix(Path path) {
        return Endpoint.unix(Transport.UNIX_STREAM, path);
    }

    @Test
    void privateDirectoryIsOwnerOnly() throws IOException {
        Path dir = SocketFiles.privateDirectory();
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void staleFileOfADeadServerIsDeleted() throws IOException {
        Path path = folder.resolve("echo.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path));
        }
        assertThat(path).exists();
        SocketFiles.claim(unix(path));
        assertThat(path).doesNotExist();
    }

    @Test
    void liveStreamServerIsRefusedAndItsFileKept() throws IOException {
        Path path = folder.resolve("echo.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(path));
            assertThatThrownBy(() -> SocketFiles.claim(unix(path)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("running server");
            assertThat(path).exists();
        }
    }

    @Test
    void liveDatagramServerIsRefusedToo() throws IOException {
        Path path = folder.resolve("echo.sock");
        try (AFUNIXDatagramChannel live = AFUNIXDatagramChannel.open()) {
            live.bind(AFUNIXSocketAddress.of(path));
            assertThatThrownBy(() -> SocketFiles.claim(Endpoint.unix(Transport.UNIX_DGRAM, path)))
                    .hasMessageContaining("running server");
        }
    }

    @Test
    void aFileThatIsNoSocketIsNeverDeleted() throws IOException {
        Path path = Files.writeString(folder.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> SocketFiles.claim(unix(path))).hasMessageContaining("is not a socket");
        assertThat(path).hasContent("keep me");
    }

    @Test
    void pathTooLongForSunPathIsRefusedWithTheLimit() {
        Path path = folder.resolve("x".repeat(120) + ".sock");
        assertThatThrownBy(() -> SocketFiles.claim(unix(path)))
                .hasMessageContaining("at most 107")
                .hasMessageContaining("sun_path");
    }

    @Test
    void missingFolderIsNamed() {
        Path path = folder.resolve("nowhere").resolve("echo.sock");
        assertThatThrownBy(() -> SocketFiles.claim(unix(path)))
                .hasMessageContaining(folder.resolve("nowhere").toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void releaseDeletesTheFileAndIgnoresIpEndpoints() throws IOException {
        Path path = Files.createFile(folder.resolve("echo.sock"));
        SocketFiles.release(unix(path));
        assertThat(path).doesNotExist();
        SocketFiles.release(Endpoint.inet(Transport.TCP, "127.0.0.1", 1)); // nothing to do, no error
    }
}
