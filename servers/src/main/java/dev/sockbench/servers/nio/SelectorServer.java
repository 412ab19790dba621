package dev.sockbench.servers.nio;

import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.servers.common.EchoServer;
import dev.sockbench.servers.common.SocketFiles;
import dev.sockbench.servers.common.Sockets;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code loops} selector loops of one {@link SelectorProvider}. Streams: with one loop, the loop
 * accepts; with several, an acceptor thread hands connections to the loops in turn. UDP: one socket
 * per loop, all bound to one port with {@code SO_REUSEPORT}, so the kernel spreads peers over the
 * loops. Unix datagrams: one junixsocket channel on junixsocket's own selector (the only selector
 * that can watch it).
 */
final class SelectorServer extends EchoServer {
    private final ServerConfig config;
    private final SelectorProvider provider;
    private final int loopCount;
    private final String name;
    private final List<SelectorLoop> loops = new ArrayList<>();
    private ServerSocketChannel listener;
    private Thread acceptor;

    SelectorServer(ServerConfig config, SelectorProvider provider, int loopCount, String name) {
        super(config.handling());
        this.config = config;
        this.provider = provider;
        this.loopCount = loopCount;
        this.name = name;
    }

    @Override
    protected void start() throws IOException {
        Endpoint bind = config.bind();
        SocketFiles.claim(bind);
        if (bind.transport().streamOriented()) {
            listener = Sockets.listen(provider, bind);
            bound(Sockets.boundEndpoint(bind, listener));
            for (int i = 0; i < loopCount; i++) {
                loops.add(new SelectorLoop(provider.openSelector(), config, handling));
            }
            if (loopCount == 1) {
                loops.getFirst().listen(listener, acceptBackoff);
            } else {
                acceptor = Thread.ofPlatform()
                        .name(name + "-acceptor")
                        .daemon(true)
                        .unstarted(this::acceptLoop);
            }
        } else {
            Endpoint endpoint = bind;
            for (int i = 0; i < loopCount; i++) {
                DatagramChannel channel = Sockets.openDatagram(provider, bind.transport());
                try {
                    Sockets.bindDatagram(channel, endpoint, loopCount > 1);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                if (i == 0) {
                    endpoint = Sockets.boundEndpoint(bind, channel); // the others join the port the first got
                    bound(endpoint);
                }
                // A junixsocket channel registers only with junixsocket's selector: its provider's.
                var selector = bind.transport() == Transport.UNIX_DGRAM
                        ? channel.provider().openSelector()
                        : provider.openSelector();
                SelectorLoop loop = new SelectorLoop(selector, config, handling);
                loops.add(loop);
                loop.serveDatagrams(channel);
            }
        }
        for (int i = 0; i < loops.size(); i++) {
            loops.get(i).start(name + "-loop-" + i);
        }
        if (acceptor != null) {
            acceptor.start();
        }
    }

    /** nio-multi's acceptor: blocking accepts, handed to the loops round-robin. */
    private void acceptLoop() {
        int next = 0;
        while (true) {
            try {
                SocketChannel channel = listener.accept();
                loops.get(next).handOver(channel);
                next = (next + 1) % loops.size();
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException e) { // e.g. out of file descriptors: pause, then accept again
                try {
                    acceptBackoff.failedThenSleep(e);
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    @Override
    protected void stop() {
        try {
            if (listener != null) {
                listener.close();
            }
            if (acceptor != null && acceptor.isAlive()) {
                acceptor.interrupt(); // ends a back-off pause at once
                acceptor.join();
            }
        } catch (IOException ignored) {
            // Closed either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops.forEach(SelectorLoop::stop);
    }
}
