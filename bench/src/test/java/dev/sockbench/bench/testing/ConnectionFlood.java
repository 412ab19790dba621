package dev.sockbench.bench.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test process that floods a listen queue: started early (a JVM takes a while to start), it
 * prints {@code READY}, reads a TCP port from stdin, starts {@code count} connects to
 * {@code 127.0.0.1:<port>} at once (non-blocking: the kernel sends every SYN now and retries the
 * dropped ones), prints {@code SENT}, and holds the sockets until stdin closes.
 *
 * <p>Usage: {@code ConnectionFlood <count>}
 */
public final class ConnectionFlood {
    private ConnectionFlood() {}

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        System.out.println("READY");
        System.out.flush();
        InetSocketAddress target = new InetSocketAddress(
                "127.0.0.1", Integer.parseInt(in.readLine().trim()));
        List<SocketChannel> channels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(target);
            channels.add(channel);
        }
        System.out.println("SENT");
        System.out.flush();
        while (in.readLine() != null) {
            // held until the test closes stdin
        }
        for (SocketChannel channel : channels) {
            channel.close();
        }
    }
}
