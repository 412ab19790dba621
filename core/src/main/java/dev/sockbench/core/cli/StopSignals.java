package dev.sockbench.core.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for a command that serves until stopped (a server, the fault proxy): instead
 * of the JVM's own handler, which exits with 128 + the signal number, they release a latch, so the
 * command can close what it holds, print what it must and return 0.
 */
public final class StopSignals {
    private StopSignals() {}

    /** A latch SIGTERM or SIGINT counts down; await it, then stop. */
    public static CountDownLatch install() {
        CountDownLatch stop = new CountDownLatch(1);
        onSignal("TERM", stop);
        onSignal("INT", stop);
        return stop;
    }

    private static void onSignal(String name, CountDownLatch stop) {
        try {
            Signal.handle(new Signal(name), signal -> stop.countDown());
        } catch (IllegalArgumentException notHandleable) {
            // e.g. -Xrs: a shutdown hook still runs, but the exit code is the JVM's.
        }
    }
}
