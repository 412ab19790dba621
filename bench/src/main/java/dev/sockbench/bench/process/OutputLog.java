package dev.sockbench.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Drains one output stream of a child process on its own thread: every line is appended to a
 * log file (flushed per line, so a log is readable while the process runs) and handed to a
 * listener; the last few lines are kept for failure messages, and the time of the last line is
 * kept so a silent (hung) process can be noticed.
 */
public final class OutputLog {
    private static final int TAIL_LINES = 5;

    /** Called on the reader thread for each line, before the next is read. */
    @FunctionalInterface
    public interface LineListener {
        void onLine(String line);
    }

    private final Deque<String> tail = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final LongSupplier nanoClock;
    private volatile long lastLineNs;

    private OutputLog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastLineNs = nanoClock.getAsLong();
    }

    /**
     * Starts draining {@code stream} into {@code logFile} (appending).
     *
     * @param name names the reader thread
     * @param nanoClock the clock {@link #lastLineNs} is read from
     */
    public static OutputLog start(
            String name, InputStream stream, Path logFile, LineListener listener, LongSupplier nanoClock) {
        OutputLog log = new OutputLog(nanoClock);
        Thread reader = new Thread(() -> log.drain(stream, logFile, listener), name);
        reader.setDaemon(true);
        reader.start();
        return log;
    }

    private void drain(InputStream stream, Path logFile, LineListener listener) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(
                        logFile,
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                lastLineNs = nanoClock.getAsLong();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                out.write(line);
                out.write('\n');
                out.flush();
                try {
                    listener.onLine(line);
                } catch (RuntimeException e) {
                    // Keep draining: a child blocked on a full pipe would hang the case.
                    out.write("[sockbench] could not handle the line above: " + e + "\n");
                }
            }
        } catch (IOException e) {
            // The stream closed under us (the process was killed): what was read is logged.
        } finally {
            ended.countDown();
        }
    }

    /** When the last line arrived (or the log started), on the clock given to {@link #start}. */
    public long lastLineNs() {
        return lastLineNs;
    }

    /** The last few lines, oldest first. */
    public List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** The last non-blank line, or {@code fallback}. */
    public String lastLine(String fallback) {
        List<String> lines = tail();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return fallback;
    }

    /** Waits until the stream has ended and every line is logged; false on timeout. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }
}
