package dev.sockbench.servers.common;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every model does when {@code accept} fails (most often {@code EMFILE}, "Too many open
 * files", when the server's descriptor limit is reached): it counts the failure and stops
 * accepting for {@link #PAUSE}, as Netty's {@code ServerBootstrapAcceptor} does. A failed accept
 * leaves the connection in the listen queue, so the listener stays ready: retrying at once would
 * spin at 100% CPU until a descriptor frees. Connections already accepted are served throughout.
 *
 * <p>A blocking acceptor calls {@link #failedThenSleep}; an event-driven one stops watching the
 * listener (Netty: stops reading it) and calls {@link #failedThenResume} with how to watch it again.
 * One per server; thread-safe.
 */
public final class AcceptBackoff {
    /** How long accepting stops after a failure: Netty's own pause, so every model backs off alike. */
    public static final Duration PAUSE = Duration.ofSeconds(1);

    private final AtomicLong failures = new AtomicLong();

    /** Accepts that failed since the server started. */
    public long failures() {
        return failures.get();
    }

    /**
     * Counts a failed accept; the first, the 10th, the 100th, ... is logged to stderr (the case's
     * {@code server.log}) with its cause.
     */
    private void count(Throwable cause) {
        count(
                "accept failed (" + cause.getMessage() + ")",
                "; accepting again in " + PAUSE.toMillis() + " ms; connections already accepted are served meanwhile");
    }

    private void count(String what, String then) {
        long n = failures.incrementAndGet();
        if (isPowerOfTen(n)) {
            System.err.println(
                    "sockbench: warning: " + what + ", " + n + (n == 1 ? " failure" : " failures") + " so far" + then);
        }
    }

    /**
     * Counts a connection accepted but refused at once, without a pause: one the model cannot
     * serve (ffm-select: a descriptor beyond select(2)'s fd_set); {@code reason} is logged as a
     * failure is.
     */
    public void refused(String reason) {
        count("connection refused: " + reason, "");
    }

    /**
     * Counts the failure and sleeps for {@link #PAUSE} on the calling (acceptor) thread.
     *
     * @throws InterruptedException when the server stops meanwhile
     */
    public void failedThenSleep(IOException cause) throws InterruptedException {
        count(cause);
        Thread.sleep(PAUSE);
    }

    /** Counts the failure and runs {@code resume} (e.g. watch the listener again) after {@link #PAUSE}, on another thread. */
    public void failedThenResume(Throwable cause, Runnable resume) {
        count(cause);
        CompletableFuture.delayedExecutor(PAUSE.toMillis(), TimeUnit.MILLISECONDS)
                .execute(resume);
    }

    private static boolean isPowerOfTen(long n) {
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }
}
