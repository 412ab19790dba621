package dev.sockbench.servers.nio;

import dev.sockbench.core.server.ServerCounters;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Accepts every pending connection into the loop that runs this handler. */
final class AcceptHandler implements SelectorLoop.Handler {
    private final ServerSocketChannel listener;
    private final SelectorLoop loop;
    private final ServerCounters counters;

    AcceptHandler(ServerSocketChannel listener, SelectorLoop loop, ServerCounters counters) {
        this.listener = listener;
        this.loop = loop;
        this.counters = counters;
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            SocketChannel channel;
            while ((channel = listener.accept()) != null) {
                counters.connectionAccepted();
                loop.adopt(channel);
            }
        } catch (IOException e) {
            // e.g. out of file descriptors: the backlog keeps the rest until some connection closes.
            counters.ioError();
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
