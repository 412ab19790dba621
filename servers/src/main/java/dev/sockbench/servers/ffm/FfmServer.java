package dev.sockbench.servers.ffm;

import dev.sockbench.core.handler.MalformedRequestException;
import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.servers.common.EchoBuffer;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.SocketFiles;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * One thread, one {@link Poller}, every socket made and served with system calls through FFM:
 * the listener (or the datagram socket), the connections it accepts ({@code accept4} with {@code
 * SOCK_NONBLOCK}), and an {@code eventfd} that wakes the loop to stop or to watch the listener
 * again after an accept back-off. Level-triggered pollers get one read per notification, as the
 * JDK selector models do ({@code nio.StreamHandler}); an edge-triggered one reads and writes until
 * {@code EAGAIN}. A test-only variant ({@code readCap > 0}) reads at most that many bytes per
 * notification and never drains: the experiment behind "edge-triggered without draining stalls".
 * Stream connections serve the handling ({@code --handler}, {@code --work}, {@code --offload}) as
 * the JDK selector models do; see {@link Connection}.
 */
final class FfmServer extends EchoServer {
    /** Datagrams received per wake-up on a level-triggered poller: the bound of the JDK selector models. */
    private static final int DATAGRAMS_PER_WAKEUP = 16;

    private static final int AGAIN = -1;
    private static final int FAILED = -2;

    private final ServerConfig config;
    private final FfmModel.Mechanism mechanism;
    private final int readCap;
    private final String name;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Arena arena = Arena.ofShared();
    private final Libc libc = new Libc(arena);
    private final Libc wakeLibc = new Libc(arena);
    private final MemorySegment eight = arena.allocate(ValueLayout.JAVA_LONG);
    private final MemorySegment wakeValue = arena.allocateFrom(ValueLayout.JAVA_LONG, 1L);
    private final MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
    private Poller poller;
    private int wakeFd = -1;
    private int listenFd = -1;
    private Datagrams datagrams;
    private Connection[] connections = new Connection[1024];
    private volatile boolean running = true;
    private boolean arenaClosed;
    private Thread thread;

    FfmServer(ServerConfig config, FfmModel.Mechanism mechanism, int readCap, String name) {
        super(config.handling());
        this.config = config;
        this.mechanism = mechanism;
        this.readCap = readCap;
        this.name = name;
    }

    @Override
    protected void start() throws IOException {
        Endpoint bind = config.bind();
        SocketFiles.claim(bind);
        poller = mechanism.open(libc, arena);
        wakeFd = libc.eventfd();
        if (wakeFd < 0) {
            throw new IOException("eventfd: " + Libc.describe(libc.errno()));
        }
        poller.add(wakeFd, Poller.READ);
        if (bind.transport().streamOriented()) {
            listenFd = FfmSockets.listen(libc, arena, bind);
            bound(FfmSockets.bound(libc, arena, bind, listenFd));
            poller.add(listenFd, Poller.READ);
        } else {
            int fd = FfmSockets.datagram(libc, arena, bind);
            datagrams = new Datagrams(fd);
            bound(FfmSockets.bound(libc, arena, bind, fd));
            poller.add(fd, Poller.READ);
        }
        thread = Thread.ofPlatform().name(name + "-loop").daemon(true).start(this::run);
    }

    private void run() {
        try {
            while (running) {
                int n = poller.await();
                for (int i = 0; i < n; i++) {
                    dispatch(poller.readyFd(i), poller.readyOps(i));
                }
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
            }
        } catch (IOException e) {
            if (!closing()) {
                System.err.println("sockbench: " + name + ": the loop failed, closing everything: " + e.getMessage());
            }
        }
    }

    private void dispatch(int fd, int ops) {
        if (fd == wakeFd) {
            libc.read(wakeFd, eight, Long.BYTES); // resets the counter
        } else if (fd == listenFd) {
            acceptAll();
        } else if (datagrams != null && fd == datagrams.fd) {
            datagrams.ready(ops);
        } else if (fd < connections.length && connections[fd] != null) {
            connections[fd].ready(ops);
        }
    }

    /** Accepts until {@code EAGAIN} (an edge-triggered listener must be drained too). */
    private void acceptAll() {
        while (true) {
            int fd = libc.accept(listenFd);
            if (fd < 0) {
                int errno = libc.errno();
                if (errno == Libc.EAGAIN) {
                    return;
                }
                if (errno == Libc.EINTR || errno == Libc.ECONNABORTED) {
                    continue;
                }
                // e.g. EMFILE: the connection stays queued and the listener ready; stop watching it for the pause.
                poller.remove(listenFd);
                acceptBackoff.failedThenResume(
                        new IOException("accept4: " + Libc.describe(errno)),
                        () -> execute(() -> {
                            try {
                                poller.add(listenFd, Poller.READ);
                            } catch (IOException e) {
                                System.err.println(
                                        "sockbench: " + name + ": cannot watch the listener again: " + e.getMessage());
                            }
                        }));
                return;
            }
            FfmSockets.tune(libc, one, fd, config.bind().transport());
            try {
                poller.add(fd, Poller.READ);
            } catch (
                    IOException
                            refused) { // select(2) and a descriptor >= FD_SETSIZE: closed, counted, the reason logged
                acceptBackoff.refused(refused.getMessage() + "; the connection is closed");
                libc.close(fd);
                continue;
            }
            if (fd >= connections.length) {
                connections = Arrays.copyOf(connections, Math.max(fd + 1, connections.length * 2));
            }
            connections[fd] = new Connection(fd);
        }
    }

    /** Runs {@code task} on the loop's thread after its current wake-up; any thread. */
    private void execute(Runnable task) {
        tasks.add(task);
        wakeUp();
    }

    private synchronized void wakeUp() {
        if (!arenaClosed) {
            wakeLibc.write(wakeFd, wakeValue, Long.BYTES);
        }
    }

    /** A read into {@code buffer}'s free space (at most {@code cap} bytes when cap > 0): bytes, 0 at EOF, {@link #AGAIN} or {@link #FAILED}. */
    private long read(int fd, ByteBuffer buffer, int cap) {
        int room = cap > 0 ? Math.min(cap, buffer.remaining()) : buffer.remaining();
        long n = libc.read(fd, MemorySegment.ofBuffer(buffer), room);
        if (n > 0) {
            buffer.position(buffer.position() + (int) n);
        }
        return n >= 0 ? n : libc.errno() == Libc.EAGAIN ? AGAIN : FAILED;
    }

    /** A write of {@code buffer}'s remaining bytes: bytes written, {@link #AGAIN} or {@link #FAILED}. */
    private long write(int fd, ByteBuffer buffer) {
        long n = libc.write(fd, MemorySegment.ofBuffer(buffer), buffer.remaining());
        if (n > 0) {
            buffer.position(buffer.position() + (int) n);
        }
        return n >= 0 ? n : libc.errno() == Libc.EAGAIN ? AGAIN : FAILED;
    }

    /**
     * One stream connection: its descriptor and its {@link EchoBuffer} (length framing, cap before
     * allocate). With a handler ({@code --handler}, {@code --work}) the whole frames read are
     * answered on the loop before they are written, as {@code nio.StreamHandler} does: a {@code
     * block} work stalls every connection of the loop, which is what it measures. With {@code
     * --offload} the pool answers them while the descriptor is not watched at all (nothing read,
     * no hang-up reported), and the loop writes the replies when the pool posts back.
     */
    private final class Connection {
        private final int fd;
        private final EchoBuffer echo = new EchoBuffer(config.framing(), config.maxFrameBytes());
        private boolean echoPending;

        Connection(int fd) {
            this.fd = fd;
        }

        void ready(int ops) {
            try {
                if (!poller.edgeTriggered()) {
                    levelStep(ops);
                } else if (readCap == 0) {
                    while (edgeStep()) {
                        // until EAGAIN, or the pool has the frames: no other notification is coming
                    }
                } else if (edgeStep() && echoPending) { // test-only: one short read, then at most its echo
                    edgeStep();
                }
            } catch (MalformedRequestException e) {
                handling.malformed();
                close();
            } catch (FrameLengthException e) {
                close();
            }
        }

        /**
         * Level-triggered: one read, then the echo (or the replies) of the whole frames; an echo
         * the socket cannot take at once stays pending and the descriptor is watched for writing
         * only, so nothing more is read until it is out.
         */
        private void levelStep(int ops) throws FrameLengthException, MalformedRequestException {
            if (echoPending) {
                if ((ops & Poller.WRITE) != 0 && flush() > 0) {
                    poller.modify(fd, Poller.READ);
                }
                return;
            }
            if ((ops & Poller.READ) == 0) {
                return;
            }
            long n = read(fd, echo.readBuffer(), readCap);
            if (n == 0 || n == FAILED) {
                close();
            } else if (n > 0 && echo.prepareEcho() && answered()) {
                echoPending = true;
                if (flush() == AGAIN) {
                    poller.modify(fd, Poller.WRITE);
                }
            }
        }

        /**
         * Edge-triggered: one read or one write; false when the socket said EAGAIN, the
         * connection ended or the pool has the frames.
         */
        private boolean edgeStep() throws FrameLengthException, MalformedRequestException {
            if (echoPending) {
                return flush() > 0;
            }
            long n = read(fd, echo.readBuffer(), readCap);
            if (n == 0 || n == FAILED) {
                close();
                return false;
            }
            if (n == AGAIN) {
                return false;
            }
            if (echo.prepareEcho()) {
                if (!answered()) {
                    return false;
                }
                echoPending = true;
            }
            return true;
        }

        /**
         * After a read that completed frames: true when what {@link EchoBuffer#writeBuffer()}
         * holds is ready to write (the echo, or the handler's replies); false when the frames went
         * to the offload pool, which posts {@link #replied} back to the loop.
         */
        private boolean answered() throws MalformedRequestException {
            if (handling.offload() != null) {
                offload();
                return false;
            }
            if (!handling.plainEcho()) {
                echo.answer(handling.handler());
            }
            return true;
        }

        /** Hands the frames to the pool; the descriptor is not watched until the replies are back. */
        private void offload() {
            poller.remove(fd);
            try {
                handling.offload().execute(() -> {
                    try {
                        echo.answer(handling.handler());
                        execute(this::replied);
                    } catch (MalformedRequestException e) {
                        handling.malformed();
                        execute(this::close);
                    } catch (RuntimeException e) {
                        execute(this::close);
                    }
                });
            } catch (RejectedExecutionException stopping) {
                close();
            }
        }

        /**
         * On the loop, the pool's replies ready: writes what the socket takes and watches the
         * descriptor again (level-triggered: for writing while replies remain). Edge-triggered, it
         * then steps on until {@code EAGAIN} as after any notification (the on-loop path's calls
         * exactly), reading what came while the pool worked; it does not count on the new
         * registration reporting those bytes ({@code epoll_ctl ADD} does, today).
         */
        private void replied() {
            if (connections[fd] != this) {
                return; // closed meanwhile: the server stops
            }
            echoPending = true;
            if (flush() == FAILED) {
                return;
            }
            try {
                poller.add(fd, echoPending ? Poller.WRITE : Poller.READ);
            } catch (IOException e) {
                close();
                return;
            }
            if (poller.edgeTriggered()) {
                ready(Poller.READ | Poller.WRITE);
            }
        }

        /** Writes the pending echo: the bytes written (all of it: the echo is done), {@link #AGAIN}, or the connection closed. */
        private long flush() {
            ByteBuffer out = echo.writeBuffer();
            long n = write(fd, out);
            if (n == FAILED) {
                close();
                return FAILED;
            }
            if (n == AGAIN || out.hasRemaining()) {
                return AGAIN;
            }
            echoPending = false;
            echo.echoed();
            return n;
        }

        void close() {
            if (connections[fd] == this) {
                connections[fd] = null;
                poller.remove(fd);
                libc.close(fd);
            }
        }
    }

    /** The datagram socket: each datagram received is sent back to its sender, unchanged. */
    private final class Datagrams {
        private final int fd;
        private final MemorySegment buffer = arena.allocate(Sockets.DATAGRAM_BUFFER_BYTES);
        private final MemorySegment peer = arena.allocate(Libc.SOCKADDR_STORAGE_BYTES, 8);
        private final MemorySegment peerLength = arena.allocate(ValueLayout.JAVA_INT);
        private long pendingBytes = -1;

        Datagrams(int fd) {
            this.fd = fd;
        }

        /** Level-triggered: up to {@link #DATAGRAMS_PER_WAKEUP}; edge-triggered: until EAGAIN. */
        void ready(int ops) {
            boolean edge = poller.edgeTriggered();
            if (pendingBytes >= 0) {
                if (!send()) {
                    return;
                }
                if (!edge) {
                    poller.modify(fd, Poller.READ);
                }
            }
            for (int i = 0; edge || i < DATAGRAMS_PER_WAKEUP; i++) {
                peerLength.set(ValueLayout.JAVA_INT, 0, Libc.SOCKADDR_STORAGE_BYTES);
                long n = libc.recvfrom(fd, buffer, buffer.byteSize(), peer, peerLength);
                if (n < 0) {
                    return; // EAGAIN, or a receive error: wait for the next notification
                }
                pendingBytes = n;
                if (!send()) {
                    if (!edge) {
                        poller.modify(fd, Poller.WRITE);
                    }
                    return;
                }
            }
        }

        /** Sends the pending reply; false when the socket cannot take it now (it stays pending). */
        private boolean send() {
            long n = libc.sendto(fd, buffer, pendingBytes, peer, peerLength.get(ValueLayout.JAVA_INT, 0));
            if (n < 0 && libc.errno() == Libc.EAGAIN) {
                return false;
            }
            pendingBytes = -1; // sent, or failed for good (e.g. an unbound or vanished Unix peer): dropped
            return true;
        }
    }

    @Override
    protected void stop() {
        running = false;
        if (thread != null) {
            wakeUp();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Connection connection : connections) {
            if (connection != null) {
                connection.close();
            }
        }
        closeFd(listenFd);
        if (datagrams != null) {
            closeFd(datagrams.fd);
        }
        if (poller != null) {
            poller.close();
        }
        synchronized (this) {
            closeFd(wakeFd);
            arenaClosed = true;
            arena.close();
        }
    }

    private void closeFd(int fd) {
        if (fd >= 0) {
            libc.close(fd);
        }
    }
}
