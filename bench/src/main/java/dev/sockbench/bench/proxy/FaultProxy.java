package dev.sockbench.bench.proxy;

import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.SocketFiles;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A user-space datagram fault proxy (UDP or Unix datagrams) between clients and an echo server.
 * Each datagram a client sends meets one fate, drawn in arrival order from a seeded random
 * sequence: dropped, duplicated (sent twice, back to back), held back until the client's next
 * datagram has gone out (reordered), delayed, or passed on. The answers come back unharmed. Each
 * client gets its own upstream socket, so the server's answers find their way back.
 *
 * <p>What it did is counted in a client's terms: {@link Counts#reordered} are the datagrams that
 * reached the server after a later one of the same client (by the order the client sent them), so
 * a client that numbers its requests counts exactly as many echoes "reordered", as many
 * "duplicated" as were {@link Counts#duplicated}, and as many lost as were {@link Counts#dropped}.
 */
public final class FaultProxy implements AutoCloseable {
    /** A held datagram whose client sends nothing more goes out after this, in order (not reordered). */
    static final Duration HOLD_LIMIT = Duration.ofMillis(100);

    /**
     * The faults and their shares of the datagrams; the shares add up to at most 1.
     *
     * @param drop share dropped
     * @param duplicate share sent twice
     * @param reorder share held back behind the client's next datagram
     * @param delay share delayed by {@code delayBy}
     * @param delayBy how long a delayed datagram waits
     * @param seed seeds the fates
     * @param spare the first datagrams of each client that pass unharmed (e.g. a connectivity check)
     */
    public record Faults(
            double drop, double duplicate, double reorder, double delay, Duration delayBy, long seed, int spare) {
        public Faults {
            if (drop + duplicate + reorder + delay > 1 + 1e-9) {
                throw new IllegalArgumentException(
                        "the shares of drop, duplicate, reorder and delay add up to more" + " than 100%");
            }
            if (delayBy.isNegative() || spare < 0) {
                throw new IllegalArgumentException("the delay and the spared datagrams must be >= 0");
            }
        }
    }

    /**
     * What the proxy did so far, over all clients.
     *
     * @param clients clients seen
     * @param received datagrams received from clients
     * @param forwarded datagrams sent to the server, copies included
     * @param dropped datagrams never sent on
     * @param duplicated datagrams sent twice
     * @param held datagrams held back behind their client's next one
     * @param delayed datagrams delayed
     * @param reordered datagrams that reached the server after a later one of their client
     * @param answers datagrams from the server passed back to clients
     */
    public record Counts(
            long clients,
            long received,
            long forwarded,
            long dropped,
            long duplicated,
            long held,
            long delayed,
            long reordered,
            long answers) {
        @Override
        public String toString() {
            return "clients=" + clients + " received=" + received + " forwarded=" + forwarded + " dropped=" + dropped
                    + " duplicated=" + duplicated + " held=" + held + " delayed=" + delayed + " reordered="
                    + reordered + " answers=" + answers;
        }
    }

    private final Endpoint target;
    private final Faults faults;
    private final DatagramChannel listener;
    private final Endpoint endpoint;
    private final Path folder; // Unix: the proxy's private folder (its socket and the upstream sockets)
    private final SplittableRandom random;
    private final ScheduledExecutorService timer;
    private final Map<SocketAddress, Flow> flows = new ConcurrentHashMap<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();

    private FaultProxy(Endpoint listen, Endpoint target, Faults faults, Path folder) throws IOException {
        this.target = target;
        this.faults = faults;
        this.folder = folder;
        this.random = new SplittableRandom(faults.seed());
        SocketFiles.claim(listen);
        DatagramChannel channel = Sockets.openDatagram(SelectorProvider.provider(), listen.transport());
        try {
            Sockets.bindDatagram(channel, listen, false);
            this.endpoint = Sockets.boundEndpoint(listen, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.listener = channel;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("proxy-timer").daemon(true).factory());
    }

    /**
     * Binds {@code listen} and starts passing its datagrams to {@code target}.
     *
     * @param listen where clients send: {@code udp://127.0.0.1:0} picks a port; for Unix datagrams
     *     null makes a socket file in a private folder
     * @throws IOException when it cannot bind (port in use, bad path)
     */
    public static FaultProxy start(Endpoint listen, Endpoint target, Faults faults) throws IOException {
        if (target.transport().streamOriented()) {
            throw new IllegalArgumentException("the fault proxy passes datagrams (udp, unix-dgram), not " + target);
        }
        Path folder = target.transport() == Transport.UNIX_DGRAM ? SocketFiles.privateDirectory() : null;
        Endpoint where = listen != null
                ? listen
                : target.transport() == Transport.UDP
                        ? Endpoint.inet(Transport.UDP, "127.0.0.1", 0)
                        : Endpoint.unix(Transport.UNIX_DGRAM, folder.resolve("proxy.sock"));
        if (where.transport() != target.transport()) {
            deleteFolder(folder);
            throw new IllegalArgumentException("the proxy listens on " + where.transport() + " but the target is "
                    + target.transport() + "; both must be the same");
        }
        FaultProxy proxy;
        try {
            proxy = new FaultProxy(where, target, faults, folder);
        } catch (IOException | RuntimeException e) {
            deleteFolder(folder);
            throw e;
        }
        proxy.threads.add(Thread.ofPlatform().name("proxy-in").daemon(true).start(proxy::fromClients));
        return proxy;
    }

    /** Where clients send. */
    public Endpoint endpoint() {
        return endpoint;
    }

    public Counts counts() {
        return new Counts(
                flows.size(),
                received.get(),
                forwarded.get(),
                dropped.get(),
                duplicated.get(),
                held.get(),
                delayed.get(),
                reordered.get(),
                answers.get());
    }

    private void fromClients() {
        ByteBuffer buffer = ByteBuffer.allocate(Sockets.DATAGRAM_BUFFER_BYTES);
        try {
            while (true) {
                buffer.clear();
                SocketAddress client = listener.receive(buffer);
                if (client == null) {
                    continue;
                }
                buffer.flip();
                byte[] datagram = new byte[buffer.remaining()];
                buffer.get(datagram);
                Flow flow = flows.get(client);
                if (flow == null) {
                    flow = new Flow(client, flows.size());
                    flows.put(client, flow);
                }
                received.incrementAndGet();
                decide(flow, datagram, flow.nextIndex++);
            }
        } catch (ClosedChannelException stopped) {
            // close()
        } catch (IOException e) {
            if (!closed.get()) {
                System.err.println("sockbench: proxy: receiving from clients failed: " + e.getMessage());
            }
        }
    }

    /** The datagram's fate: one draw, in arrival order. */
    private void decide(Flow flow, byte[] datagram, long index) {
        if (index < faults.spare()) {
            flow.send(datagram, index, true);
            return;
        }
        double draw = random.nextDouble();
        double bound = faults.drop();
        if (draw < bound) {
            dropped.incrementAndGet();
            return;
        }
        if (draw < (bound += faults.duplicate())) {
            duplicated.incrementAndGet();
            flow.send(datagram, index, true);
            flow.send(datagram, index, false);
            return;
        }
        if (draw < (bound += faults.reorder())) {
            held.incrementAndGet();
            flow.hold(datagram, index);
            timer.schedule(() -> flow.release(index), HOLD_LIMIT.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        if (draw < bound + faults.delay()) {
            delayed.incrementAndGet();
            timer.schedule(
                    () -> flow.send(datagram, index, true), faults.delayBy().toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        flow.send(datagram, index, true);
    }

    /** One client: its upstream socket, the order of what went out, the datagrams held back. */
    private final class Flow {
        private final SocketAddress client;
        private final DatagramChannel upstream;
        private final List<Held> heldBack = new ArrayList<>();
        private long nextIndex; // on the receiving thread only
        private long highestSent = -1;

        private record Held(byte[] datagram, long index) {}

        Flow(SocketAddress client, int number) throws IOException {
            this.client = client;
            this.upstream = Sockets.openDatagram(SelectorProvider.provider(), target.transport());
            try {
                if (target.transport() == Transport.UNIX_DGRAM) {
                    upstream.bind(AFUNIXSocketAddress.of(folder.resolve("up-" + number + ".sock")));
                } else {
                    upstream.bind(
                            new InetSocketAddress(target.inetSocketAddress().getAddress(), 0));
                }
                upstream.connect(
                        target.transport() == Transport.UNIX_DGRAM
                                ? AFUNIXSocketAddress.of(target.path())
                                : target.socketAddress());
            } catch (IOException | RuntimeException e) {
                upstream.close();
                throw e;
            }
            threads.add(Thread.ofPlatform()
                    .name("proxy-back-" + number)
                    .daemon(true)
                    .start(this::answers));
        }

        /**
         * Sends one datagram to the server, then whatever was held back behind it. A first copy
         * that goes out after a later datagram of this client counts as reordered.
         */
        synchronized void send(byte[] datagram, long index, boolean firstCopy) {
            sendOne(datagram, index, firstCopy);
            for (Held h : heldBack) {
                sendOne(h.datagram(), h.index(), true);
            }
            heldBack.clear();
        }

        synchronized void hold(byte[] datagram, long index) {
            heldBack.add(new Held(datagram, index));
        }

        /** A held datagram still waiting after {@link #HOLD_LIMIT} goes out now. */
        synchronized void release(long index) {
            for (int i = 0; i < heldBack.size(); i++) {
                if (heldBack.get(i).index() == index) {
                    Held h = heldBack.remove(i);
                    sendOne(h.datagram(), h.index(), true);
                    return;
                }
            }
        }

        private void sendOne(byte[] datagram, long index, boolean firstCopy) {
            try {
                upstream.write(ByteBuffer.wrap(datagram));
                forwarded.incrementAndGet();
                if (firstCopy && index < highestSent) {
                    reordered.incrementAndGet();
                }
                highestSent = Math.max(highestSent, index);
            } catch (IOException e) {
                // The server is gone or not there yet (ECONNREFUSED): as good as dropped by the network.
                if (!closed.get()) {
                    System.err.println("sockbench: proxy: sending to " + target + " failed: " + e.getMessage());
                }
            }
        }

        /** Passes the server's answers back to this client, unharmed. */
        private void answers() {
            ByteBuffer buffer = ByteBuffer.allocate(Sockets.DATAGRAM_BUFFER_BYTES);
            try {
                while (true) {
                    buffer.clear();
                    if (upstream.read(buffer) < 0) {
                        return;
                    }
                    buffer.flip();
                    listener.send(buffer, client);
                    answers.incrementAndGet();
                }
            } catch (IOException e) {
                // Closed (the proxy stops), or the client is gone.
            }
        }

        void close() {
            try {
                upstream.close();
            } catch (IOException ignored) {
                // Stopping anyway.
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        try {
            listener.close();
        } catch (IOException ignored) {
            // Stopping anyway.
        }
        flows.values().forEach(Flow::close);
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SocketFiles.release(endpoint);
        deleteFolder(folder);
    }

    /** Deletes the private folder and the socket files in it. */
    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // Left behind: it is in the temporary folder and only this user can enter it.
        }
    }
}
