package dev.sockbench.servers.nio;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Accepts every pending connection into the loop that runs this handler. */
final class AcceptHandler implements SelectorLoop.Handler {
    private final ServerSocketChannel listener;
    private final SelectorLoop loop;

    AcceptHandler(ServerSocketChannel listener, SelectorLoop loop) {
        this.listener = listener;
        this.loop = loop;
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            SocketChannel channel;
            while ((channel = listener.accept()) != null) {
                loop.adopt(channel);
            }
        } catch (IOException e) {
            // e.g. out of file descriptors: the backlog keeps the rest until some connection closes.
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
