package dev.sockbench.servers.ffm;

import dev.sockbench.core.server.Availability;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.EventLoopModel;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.Map;

/**
 * The models over the system calls themselves, through the Foreign Function & Memory API (no
 * JNI, no Netty): one thread, non-blocking sockets made with {@code socket}/{@code accept4}, and
 * {@code select(2)}, {@code poll(2)} or {@code epoll(7)} level- or edge-triggered. Every transport:
 * a datagram socket is one more descriptor to watch. An event loop: the handler runs on it, or with
 * {@code --offload} on a pool (stream transports; a handler needs one). See {@link FfmServer}.
 */
public final class FfmModel extends EventLoopModel {
    /** How many bytes a notification may read in the test-only non-draining models. */
    public static final int NO_DRAIN_READ_BYTES = 16;

    /** The readiness mechanism a model waits with. */
    enum Mechanism {
        SELECT,
        POLL,
        EPOLL_LEVEL,
        EPOLL_EDGE;

        Poller open(Libc libc, Arena arena) throws IOException {
            return switch (this) {
                case SELECT -> new SelectPoller(libc, arena);
                case POLL -> new PollPoller(libc, arena);
                case EPOLL_LEVEL -> new EpollPoller(libc, arena, false);
                case EPOLL_EDGE -> new EpollPoller(libc, arena, true);
            };
        }
    }

    private final Mechanism mechanism;
    private final int readCap;

    private FfmModel(String id, String description, Mechanism mechanism, int readCap) {
        super(id, description, Map.of());
        this.mechanism = mechanism;
        this.readCap = readCap;
    }

    public static FfmModel select() {
        return new FfmModel(
                "ffm-select",
                "select(2) through FFM, one thread, non-blocking sockets; a descriptor >= FD_SETSIZE (1024) is"
                        + " closed and counted as a failed accept",
                Mechanism.SELECT,
                0);
    }

    public static FfmModel poll() {
        return new FfmModel("ffm-poll", "poll(2) through FFM, one thread, non-blocking sockets", Mechanism.POLL, 0);
    }

    public static FfmModel epollLevel() {
        return new FfmModel(
                "ffm-epoll-lt",
                "epoll(7) level-triggered through FFM, one thread, one read per notification",
                Mechanism.EPOLL_LEVEL,
                0);
    }

    public static FfmModel epollEdge() {
        return new FfmModel(
                "ffm-epoll-et",
                "epoll(7) edge-triggered through FFM, one thread, reads and writes until EAGAIN",
                Mechanism.EPOLL_EDGE,
                0);
    }

    /**
     * Test-only models, kept out of {@code list} and {@code all}: a handler that reads at most
     * {@link #NO_DRAIN_READ_BYTES} per notification and never drains, edge- and level-triggered,
     * for the claim "edge-triggered without draining stalls, level-triggered does not".
     */
    public static List<FfmModel> noDrain() {
        return List.of(
                new FfmModel(
                        "ffm-epoll-et-nodrain",
                        "test only: ffm-epoll-et reading at most " + NO_DRAIN_READ_BYTES
                                + " bytes per notification, never to EAGAIN (it stalls)",
                        Mechanism.EPOLL_EDGE,
                        NO_DRAIN_READ_BYTES),
                new FfmModel(
                        "ffm-epoll-lt-nodrain",
                        "test only: ffm-epoll-lt reading at most " + NO_DRAIN_READ_BYTES + " bytes per notification",
                        Mechanism.EPOLL_LEVEL,
                        NO_DRAIN_READ_BYTES));
    }

    @Override
    public Availability availability() {
        return Libc.availability();
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        requireServable(config.bind().transport());
        return EchoServer.started(new FfmServer(config, mechanism, readCap, id()));
    }
}
