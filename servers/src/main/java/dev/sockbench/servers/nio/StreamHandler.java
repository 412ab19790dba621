package dev.sockbench.servers.nio;

import dev.sockbench.core.handler.MalformedRequestException;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.servers.common.EchoBuffer;
import dev.sockbench.servers.common.HandlerRuntime;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;

/**
 * One stream connection in a selector loop. It reads, echoes the whole frames received (or, with
 * a handler, writes their replies), and keeps a partial frame for the next read. A write the
 * socket cannot take at once stays pending: the key then waits for OP_WRITE only, so nothing more
 * is read until the echo is out (the peer's own pace limits ours, and memory stays one buffer per
 * connection).
 *
 * <p>The handler runs on the loop, its work included (a {@code block} stalls every connection of
 * the loop: the classic mistake, measured as such), or with {@code --offload} on the pool: the key
 * then waits for nothing until the pool's thread has the replies, and the loop writes them.
 */
final class StreamHandler implements SelectorLoop.Handler {
    private final SocketChannel channel;
    private final EchoBuffer echo;
    private final SelectorLoop loop;
    private final HandlerRuntime handling;

    StreamHandler(SocketChannel channel, ServerConfig config, SelectorLoop loop, HandlerRuntime handling) {
        this.channel = channel;
        this.echo = new EchoBuffer(config.framing(), config.maxFrameBytes());
        this.loop = loop;
        this.handling = handling;
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
                } else if (echo.prepareEcho()) {
                    if (handling.offload() != null) {
                        offload(key);
                        return;
                    }
                    if (!handling.plainEcho()) {
                        echo.answer(handling.handler());
                    }
                    if (!writePending()) {
                        key.interestOps(SelectionKey.OP_WRITE);
                    }
                }
            }
        } catch (MalformedRequestException e) {
            handling.malformed();
            close(key);
        } catch (IOException e) {
            // A frame length out of range, or the peer reset: the connection ends.
            close(key);
        }
    }

    /** Runs the handler on the pool; the loop writes the replies when they are ready. */
    private void offload(SelectionKey key) {
        key.interestOps(0); // nothing more is read until the replies are out
        try {
            handling.offload().execute(() -> {
                try {
                    echo.answer(handling.handler());
                    loop.execute(() -> replyReady(key));
                } catch (MalformedRequestException e) {
                    handling.malformed();
                    loop.execute(() -> close(key));
                } catch (RuntimeException e) {
                    loop.execute(() -> close(key));
                }
            });
        } catch (RejectedExecutionException stopping) {
            close(key);
        }
    }

    /** On the loop: the pool answered; write what the socket takes, wait for writability for the rest. */
    private void replyReady(SelectionKey key) {
        if (!key.isValid()) {
            return; // closed meanwhile (the server stops)
        }
        try {
            key.interestOps(writePending() ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
        } catch (IOException | CancelledKeyException e) {
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
