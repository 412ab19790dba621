package dev.sockbench.servers.nio;

import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.servers.common.AcceptBackoff;
import dev.sockbench.servers.common.HandlerRuntime;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread running one {@link Selector}, level-triggered: each ready channel gets one step of
 * work and the selector reports it again while it stays ready. It may accept connections itself
 * ({@link #listen}), take connections another thread accepted ({@link #handOver}), and echo
 * datagram sockets ({@link #serveDatagrams}). Every channel on the selector is non-blocking and its
 * key's attachment is the {@link Handler} that serves it.
 */
final class SelectorLoop implements Runnable {
    /** Serves one channel when the selector reports it ready; handles its own I/O errors. */
    interface Handler {
        void ready(SelectionKey key);

        /** The loop is stopping: close the channel. */
        void close(SelectionKey key);
    }

    private final Selector selector;
    private final ServerConfig config;
    private final HandlerRuntime handling;
    private final Queue<SocketChannel> handedOver = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private Thread thread;

    SelectorLoop(Selector selector, ServerConfig config, HandlerRuntime handling) {
        this.selector = selector;
        this.config = config;
        this.handling = handling;
    }

    /** Accepts on {@code listener} in this loop, backing off from failures with {@code backoff}; call before {@link #start}. */
    void listen(ServerSocketChannel listener, AcceptBackoff backoff) throws IOException {
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT, new AcceptHandler(listener, this, backoff));
    }

    /** Echoes datagrams of {@code channel} in this loop; call before {@link #start}. */
    void serveDatagrams(DatagramChannel channel) throws IOException {
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, new DatagramHandler(channel));
    }

    /** Adopts a connection accepted elsewhere; any thread. */
    void handOver(SocketChannel channel) {
        handedOver.add(channel);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop's thread after its current wake-up; any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Adds a connection accepted by the caller; on the loop's thread. */
    void adopt(SocketChannel channel) {
        StreamHandler handler = new StreamHandler(channel, config, this, handling);
        try {
            channel.configureBlocking(false);
            Sockets.tune(channel, config.bind().transport());
            channel.register(selector, SelectionKey.OP_READ, handler);
        } catch (IOException e) {
            handler.closeChannel();
        }
    }

    void start(String threadName) {
        thread = Thread.ofPlatform().name(threadName).daemon(true).start(this);
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(this::dispatch);
                SocketChannel channel;
                while ((channel = handedOver.poll()) != null) {
                    adopt(channel);
                }
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
            }
        } catch (IOException e) {
            // The selector failed: nothing more can be served, so everything is closed.
        } finally {
            closeAll();
        }
    }

    private void dispatch(SelectionKey key) {
        ((Handler) key.attachment()).ready(key);
    }

    /** Stops the loop and waits for it to close its channels. */
    void stop() {
        running = false;
        selector.wakeup();
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            closeAll(); // never started: close what was registered
        }
    }

    private void closeAll() {
        try {
            for (SelectionKey key : selector.keys()) {
                ((Handler) key.attachment()).close(key);
            }
            SocketChannel channel;
            while ((channel = handedOver.poll()) != null) {
                new StreamHandler(channel, config, this, handling).closeChannel();
            }
            selector.close();
        } catch (IOException | ClosedSelectorException ignored) {
            // Stopping anyway.
        }
    }
}
