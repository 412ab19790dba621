package dev.sockbench.loadgen.engine;

import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.client.Connection;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.newsclub.net.unix.AFUNIXSelectorProvider;

/** The production {@link Poller}: a NIO selector (junixsocket's for Unix datagrams), the selector's consumer API (no allocation per wake-up). */
final class SelectorPoller implements Poller {
    private final Selector selector;
    private Consumer<SelectionKey> keyHandler;

    SelectorPoller(Transport transport) throws IOException {
        // junixsocket's channels register only with junixsocket's own selector.
        this.selector = transport == Transport.UNIX_DGRAM
                ? AFUNIXSelectorProvider.provider().openSelector()
                : Selector.open();
    }

    @Override
    public void handler(ReadyHandler handler) {
        keyHandler = key -> handler.onReady((Connection) key.attachment(), key.readyOps());
    }

    @Override
    public Selector selector() {
        return selector;
    }

    @Override
    public int pollNow() throws IOException {
        return selector.selectNow(keyHandler);
    }

    @Override
    public int poll(long timeoutMs) throws IOException {
        return selector.select(keyHandler, timeoutMs);
    }

    @Override
    public void park(long ns) {
        LockSupport.parkNanos(ns);
    }

    @Override
    public void pause(boolean yield) {
        if (yield) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // The run is over; a selector that fails to close leaks nothing that matters.
        }
    }
}
