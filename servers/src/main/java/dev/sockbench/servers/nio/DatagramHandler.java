package dev.sockbench.servers.nio;

import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * A datagram socket in a selector loop: receives up to {@link #MAX_PER_WAKEUP} datagrams per
 * wake-up (so one busy socket does not starve the others on the loop) and sends each back to its
 * sender. A reply the socket cannot take now is kept, and the key waits for OP_WRITE only.
 */
final class DatagramHandler implements SelectorLoop.Handler {
    /** Same bound as Netty's default {@code maxMessagesPerRead}. */
    static final int MAX_PER_WAKEUP = 16;

    private final DatagramChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(Sockets.DATAGRAM_BUFFER_BYTES);
    private SocketAddress pendingPeer;

    DatagramHandler(DatagramChannel channel) {
        this.channel = channel;
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            if (pendingPeer != null) {
                if (channel.send(buffer, pendingPeer) == 0) {
                    return;
                }
                pendingPeer = null;
                key.interestOps(SelectionKey.OP_READ);
            }
            for (int i = 0; i < MAX_PER_WAKEUP; i++) {
                buffer.clear();
                SocketAddress peer = channel.receive(buffer);
                if (peer == null) {
                    return;
                }
                buffer.flip();
                if (channel.send(buffer, peer) == 0) {
                    pendingPeer = peer;
                    key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
            }
        } catch (IOException e) {
            // One failed datagram (e.g. a Unix peer that went away) must not stop the socket.
            pendingPeer = null;
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    @Override
    public void close(SelectionKey key) {
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Stopping anyway.
        }
    }
}
