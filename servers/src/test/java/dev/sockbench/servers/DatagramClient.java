package dev.sockbench.servers;

import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A blocking test client for the datagram transports. A Unix datagram client binds its own socket
 * file (in {@code folder}), or the server would have no address to reply to. A test's
 * {@code @Timeout} interrupts a receive that never returns, which closes the channel.
 */
final class DatagramClient implements AutoCloseable {
    private final DatagramChannel channel;
    private final SocketAddress server;
    // Direct buffers: junixsocket (2.10.1) copies heap buffers through a pooled direct buffer, and
    // concurrent virtual-thread peers were seen to get each other's datagrams that way.
    private final ByteBuffer received = ByteBuffer.allocateDirect(70_000);
    private final ByteBuffer toSend = ByteBuffer.allocateDirect(70_000);

    private DatagramClient(DatagramChannel channel, SocketAddress server) {
        this.channel = channel;
        this.server = server;
    }

    static DatagramClient open(Endpoint server, Path folder, String name) throws IOException {
        if (server.transport() == Transport.UNIX_DGRAM) {
            DatagramChannel channel = AFUNIXDatagramChannel.open();
            channel.bind(AFUNIXSocketAddress.of(folder.resolve(name + ".sock")));
            return new DatagramClient(channel, AFUNIXSocketAddress.of(server.path()));
        }
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new DatagramClient(channel, server.inetSocketAddress());
    }

    void send(byte[] datagram) throws IOException {
        toSend.clear().put(datagram).flip();
        channel.send(toSend, server);
    }

    /** The next datagram, exactly as long as it arrived. */
    byte[] receive() throws IOException {
        received.clear();
        channel.receive(received);
        received.flip();
        byte[] datagram = new byte[received.remaining()];
        received.get(datagram);
        return datagram;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
