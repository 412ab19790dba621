package dev.sockbench.servers.nio;

import dev.sockbench.core.server.Availability;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.EventLoopModel;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.util.Map;

/**
 * The JDK selector models: non-blocking channels served by level-triggered {@link SelectorLoop}s.
 * {@code nio-epoll} and {@code nio-poll} run one loop that also accepts, on the epoll or poll
 * backend; {@code nio-multi} runs an acceptor thread plus one epoll loop per core.
 */
public final class SelectorModel extends EventLoopModel {
    private final SelectorBackend backend;
    private final boolean multi;

    private SelectorModel(
            String id,
            String description,
            SelectorBackend backend,
            boolean multi,
            Map<Transport, String> notApplicable) {
        super(id, description, notApplicable);
        this.backend = backend;
        this.multi = multi;
    }

    public static SelectorModel epoll() {
        return new SelectorModel(
                "nio-epoll",
                "one Selector loop on the JDK's epoll backend, level-triggered, non-blocking channels",
                SelectorBackend.EPOLL,
                false,
                Map.of(
                        Transport.UNIX_DGRAM,
                        "the JDK has no Unix datagram channel and its epoll selector cannot watch junixsocket's"
                                + " (IllegalSelectorException); junixsocket's own selector is poll(2): see nio-poll"));
    }

    public static SelectorModel poll() {
        return new SelectorModel(
                "nio-poll",
                "the nio-epoll loop on the JDK's poll(2) backend (Unix datagrams: junixsocket's poll(2) selector)",
                SelectorBackend.POLL,
                false,
                Map.of());
    }

    public static SelectorModel multi() {
        return new SelectorModel(
                "nio-multi",
                "an acceptor thread plus --threads epoll Selector loops (default one per core); UDP: one"
                        + " SO_REUSEPORT socket per loop",
                SelectorBackend.EPOLL,
                true,
                Map.of(
                        Transport.UNIX_DGRAM,
                        "a Unix datagram socket cannot be spread over loops (Unix sockets have no SO_REUSEPORT)"
                                + " and the JDK's epoll selector cannot watch junixsocket's channel"));
    }

    @Override
    public Availability availability() {
        return backend.availability();
    }

    @Override
    public Availability availability(Transport transport) {
        // Unix datagrams run on junixsocket's selector, not on the backend's.
        return transport == Transport.UNIX_DGRAM ? Sockets.junixsocketDatagrams() : backend.availability();
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        requireServable(config.bind().transport());
        int loops = multi ? config.threadsOr(Sockets.defaultLoops()) : 1;
        var provider = config.bind().transport() == Transport.UNIX_DGRAM ? null : backend.provider();
        return EchoServer.started(new SelectorServer(config, provider, loops, id()));
    }
}
