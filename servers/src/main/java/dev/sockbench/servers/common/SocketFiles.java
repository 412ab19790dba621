package dev.sockbench.servers.common;

import dev.sockbench.core.transport.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The life of a Unix socket file, the same for every model: {@link #claim} before binding (length
 * checked, a stale file from a dead server replaced, a live one refused), {@link #release} after
 * closing (the JDK and junixsocket leave the file behind; Netty deletes only stream sockets).
 */
public final class SocketFiles {
    /**
     * Longest socket path the kernel takes: {@code sun_path} is 108 bytes and ends with a NUL.
     */
    public static final int MAX_PATH_BYTES = 107;

    /** The socket file's name inside a {@link #privateDirectory()}. */
    public static final String DEFAULT_FILE_NAME = "echo.sock";

    private static final int FILE_TYPE_MASK = 0170000;
    private static final int FILE_TYPE_SOCKET = 0140000;

    private SocketFiles() {}

    /** A fresh directory only this user can enter (mode 0700) under the temporary folder. */
    public static Path privateDirectory() throws IOException {
        return Files.createTempDirectory(
                "sockbench-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Makes {@code endpoint}'s socket file ready to bind; does nothing for IP endpoints.
     *
     * @throws IOException with a one-line message when the path is too long, its folder is missing,
     *     it is not a socket, or a server is listening on it
     */
    public static void claim(Endpoint endpoint) throws IOException {
        if (!endpoint.transport().unixDomain()) {
            return;
        }
        Path path = endpoint.path();
        int pathBytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (pathBytes > MAX_PATH_BYTES) {
            throw new IOException("the path is " + pathBytes + " bytes; the kernel takes at most " + MAX_PATH_BYTES
                    + " (sun_path is 108 bytes); choose a shorter --path");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new NoSuchFileException(parent.toString(), null, "the socket file's folder does not exist");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & FILE_TYPE_MASK) != FILE_TYPE_SOCKET) {
            throw new FileAlreadyExistsException(
                    path.toString(), null, "exists and is not a socket; choose another --path");
        }
        if (isLive(path)) {
            throw new FileAlreadyExistsException(
                    path.toString(), null, "a running server owns this socket; stop it or choose another --path");
        }
        // A dead server's leftover: nobody answers on it, so binding over it takes nothing from anyone.
        Files.delete(path);
    }

    /** Deletes the socket file of a Unix endpoint; does nothing for IP endpoints. Never throws. */
    public static void release(Endpoint endpoint) {
        if (endpoint != null && endpoint.transport().unixDomain()) {
            try {
                Files.deleteIfExists(endpoint.path());
            } catch (IOException ignored) {
                // The server is gone either way; a file we cannot delete is replaced by the next claim.
            }
        }
    }

    /**
     * A stream connect tells a live socket from a stale one whatever the socket's type: the kernel
     * refuses a connect to a file no socket is bound to ({@code ECONNREFUSED}), accepts one to a
     * listening stream socket, and answers {@code EPROTOTYPE} for a bound datagram socket.
     */
    private static boolean isLive(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException otherType) {
            return true;
        }
    }
}
