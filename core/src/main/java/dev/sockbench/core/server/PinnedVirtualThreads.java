package dev.sockbench.core.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Virtual threads pinned to their carrier: a JFR recording of every {@code
 * jdk.VirtualThreadPinned} event (threshold 0, where the JDK's default only records pins over 20
 * ms), written by the server process on virtual threads, and the count of those in an interval,
 * read by the suite runner. Since JDK 24 a virtual thread no longer pins in {@code synchronized};
 * it still pins when it blocks inside a native frame or a class initializer.
 *
 * <pre>{@code
 * PinnedVirtualThreads recording = PinnedVirtualThreads.record(file);   // in the server
 * ...
 * recording.close();                                                     // writes the file
 * long pins = PinnedVirtualThreads.count(file, fromEpochMs, toEpochMs);   // in the harness
 * }</pre>
 */
public final class PinnedVirtualThreads implements AutoCloseable {
    static final String EVENT = "jdk.VirtualThreadPinned";

    private final Recording recording;
    private boolean closed;

    private PinnedVirtualThreads(Recording recording) {
        this.recording = recording;
    }

    /** Starts recording every pin; {@link #close} writes them to {@code file}. */
    public static PinnedVirtualThreads record(Path file) throws IOException {
        Recording recording = new Recording();
        recording.setName("sockbench-pinned");
        recording.enable(EVENT).withThreshold(Duration.ZERO).withStackTrace();
        recording.setDestination(file);
        recording.start();
        return new PinnedVirtualThreads(recording);
    }

    /** Stops recording and writes the file; once, whoever calls first (a signal or a shutdown hook). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            recording.stop();
            recording.close();
        }
    }

    /** The pins in {@code file} that ended in {@code [fromEpochMs, toEpochMs]}, to the millisecond. */
    public static long count(Path file, long fromEpochMs, long toEpochMs) throws IOException {
        long count = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            long endMs = event.getEndTime().toEpochMilli();
            if (event.getEventType().getName().equals(EVENT) && endMs >= fromEpochMs && endMs <= toEpochMs) {
                count++;
            }
        }
        return count;
    }
}
