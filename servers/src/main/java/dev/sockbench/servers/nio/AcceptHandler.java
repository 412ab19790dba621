package dev.sockbench.servers.nio;

import dev.sockbench.servers.common.AcceptBackoff;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Accepts every pending connection into the loop that runs this handler. When an accept fails
 * (e.g. out of file descriptors) the listener is taken off the selector's watch for {@link
 * AcceptBackoff#PAUSE}: the connection stays in the listen queue, so a level-triggered selector
 * would report the listener ready again at once, and the loop would spin.
 */
final class AcceptHandler implements SelectorLoop.Handler {
    private final ServerSocketChannel listener;
    private final SelectorLoop loop;
    private final AcceptBackoff backoff;

    AcceptHandler(ServerSocketChannel listener, SelectorLoop loop, AcceptBackoff backoff) {
        this.listener = listener;
        this.loop = loop;
        this.backoff = backoff;
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            SocketChannel channel;
            while ((channel = listener.accept()) != null) {
                loop.adopt(channel);
            }
        } catch (IOException e) {
            key.interestOps(0);
            backoff.failedThenResume(
                    e,
                    () -> loop.execute(() -> {
                        if (key.isValid()) {
                            key.interestOps(SelectionKey.OP_ACCEPT);
                        }
                    }));
        }
    }

    @Override
    public void close(SelectionKey key) {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Stopping anyway.
        }
    }
}
