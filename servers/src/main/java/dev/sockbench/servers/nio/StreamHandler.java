package dev.sockbench.servers.nio;

import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.servers.common.EchoBuffer;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One stream connection in a selector loop. It reads, echoes the whole frames received, and keeps
 * a partial frame for the next read. A write the socket cannot take at once stays pending: the key
 * then waits for OP_WRITE only, so nothing more is read until the echo is out (the peer's own pace
 * limits ours, and memory stays one buffer per connection).
 */
final class StreamHandler implements SelectorLoop.Handler {
    private final SocketChannel channel;
    private final EchoBuffer echo;

    StreamHandler(SocketChannel channel, ServerConfig config) {
        this.channel = channel;
        this.echo = new EchoBuffer(config.framing(), config.maxFrameBytes());
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            if (key.isWritable()) {
                if (writePending()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            } else if (key.isReadable()) {
                if (channel.read(echo.readBuffer()) < 0) {
                    close(key);
                } else if (echo.prepareEcho() && !writePending()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                }
            }
        } catch (IOException e) {
            // A frame length out of range, or the peer reset: the connection ends.
            close(key);
        }
    }

    /** Writes what is pending; true when all of it went out. */
    private boolean writePending() throws IOException {
        channel.write(echo.writeBuffer());
        if (echo.writeBuffer().hasRemaining()) {
            return false;
        }
        echo.echoed();
        return true;
    }

    @Override
    public void close(SelectionKey key) {
        key.cancel();
        closeChannel();
    }

    void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }
}
