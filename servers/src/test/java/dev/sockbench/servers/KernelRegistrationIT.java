package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Asks the kernel, not the code, how each selector model watches an accepted connection: the
 * {@code tfd:} lines of {@code /proc/self/fdinfo/<epoll fd>} list every socket an epoll instance
 * watches with its event mask, so an edge-triggered registration shows {@code EPOLLET} and a poll
 * selector shows no registration at all.
 */
@Timeout(60)
class KernelRegistrationIT {
    private static final long EPOLLET = 1L << 31;
    private static final Pattern TFD = Pattern.compile("^tfd:\\s+\\d+\\s+events:\\s+([0-9a-f]+).*\\bino:([0-9a-f]+)");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "netty-epoll-et, edge-triggered",
        "netty-epoll-lt, level-triggered",
        "nio-epoll, level-triggered",
        "nio-multi, level-triggered",
        "nio-poll, not in any epoll set"
    })
    void acceptedConnectionIsWatchedAsTheModelSays(String model, String expected) throws Exception {
        try (RunningServer server =
                        ServerModels.byId(model).start(ServerConfig.of(Endpoint.inet(Transport.TCP, "127.0.0.1", 0)));
                StreamClient client = StreamClient.connect(server.endpoint())) {
            client.echo(new Payload(64, 1), 1); // the connection is accepted and registered by now
            long inode = acceptedSocketInode(server.endpoint().port(), client);
            List<Long> masks = epollMasksOf(inode);
            switch (expected) {
                case "edge-triggered" -> assertThat(masks).isNotEmpty().allMatch(m -> (m & EPOLLET) != 0);
                case "level-triggered" -> assertThat(masks).isNotEmpty().allMatch(m -> (m & EPOLLET) == 0);
                default -> assertThat(masks).isEmpty();
            }
        }
    }

    /**
     * The inode of the server's end of the client's connection, from /proc/self/net/tcp or tcp6
     * (the JDK and Netty open dual-stack sockets, listed as IPv6 even when bound to 127.0.0.1).
     */
    private static long acceptedSocketInode(int serverPort, StreamClient client) throws IOException {
        int clientPort = ((InetSocketAddress) client.localAddress()).getPort();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].contains(":") && port(f[1]) == serverPort && port(f[2]) == clientPort) {
                    return Long.parseLong(f[9]);
                }
            }
        }
        throw new AssertionError("no server-side socket for client port " + clientPort + " in /proc/self/net/tcp*");
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.lastIndexOf(':') + 1), 16);
    }

    /** The event mask of every epoll registration of the socket with this inode, in this process. */
    private static List<Long> epollMasksOf(long inode) throws IOException {
        List<Long> masks = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fdinfo"))) {
            for (Path fd : fds.toList()) {
                String info;
                try {
                    info = Files.readString(fd);
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                for (String line : info.lines().toList()) {
                    Matcher m = TFD.matcher(line);
                    if (m.find() && Long.parseLong(m.group(2), 16) == inode) {
                        masks.add(Long.parseLong(m.group(1), 16));
                    }
                }
            }
        }
        return masks;
    }
}
