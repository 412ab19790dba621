package dev.sockbench.servers.blocking;

import dev.sockbench.core.server.Availability;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.BaseModel;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The blocking models: one thread blocks in each connection's reads and writes. The three differ
 * only in where that thread comes from, so they share every line of I/O code.
 *
 * <p>Datagram sockets have no connections: there, {@code receivers} threads block in {@code
 * receive} on the one socket and each echoes what it received (one thread for platform and
 * virtual, the pool's threads for pool; the JDK lets one of them receive at a time).
 */
public final class BlockingModel extends BaseModel {
    /** Pool size of {@code blocking-pool} when {@code --threads} is 0. */
    public static final int DEFAULT_POOL_THREADS = 200;

    private enum Threading {
        PLATFORM,
        VIRTUAL,
        POOL
    }

    private final Threading threading;

    private BlockingModel(String id, String description, Threading threading) {
        super(id, description, Map.of());
        this.threading = threading;
    }

    public static BlockingModel platform() {
        return new BlockingModel(
                "blocking-platform", "a platform thread per connection, blocking reads and writes", Threading.PLATFORM);
    }

    public static BlockingModel virtual() {
        return new BlockingModel(
                "blocking-virtual", "the blocking echo on a virtual thread per connection", Threading.VIRTUAL);
    }

    public static BlockingModel pool() {
        return new BlockingModel(
                "blocking-pool",
                "a fixed pool of platform threads (--threads, default " + DEFAULT_POOL_THREADS
                        + "); connections queue for a free thread",
                Threading.POOL);
    }

    @Override
    public boolean virtualThreads() {
        return threading == Threading.VIRTUAL;
    }

    @Override
    public Availability availability(Transport transport) {
        return transport == Transport.UNIX_DGRAM ? Sockets.junixsocketDatagrams() : Availability.AVAILABLE;
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        requireSupported(config.bind().transport());
        int poolThreads = config.threadsOr(DEFAULT_POOL_THREADS);
        ExecutorService workers =
                switch (threading) {
                    case PLATFORM ->
                        Executors.newThreadPerTaskExecutor(Thread.ofPlatform()
                                .name(id() + "-", 0)
                                .daemon(true)
                                .factory());
                    case VIRTUAL ->
                        Executors.newThreadPerTaskExecutor(
                                Thread.ofVirtual().name(id() + "-", 0).factory());
                    case POOL ->
                        Executors.newFixedThreadPool(
                                poolThreads,
                                Thread.ofPlatform()
                                        .name(id() + "-", 0)
                                        .daemon(true)
                                        .factory());
                };
        int receivers = threading == Threading.POOL ? poolThreads : 1;
        EchoServer server = config.bind().transport().streamOriented()
                ? new BlockingStreamServer(config, workers)
                : new BlockingDatagramServer(config, workers, receivers);
        return EchoServer.started(server);
    }
}
