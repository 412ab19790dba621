package dev.sockbench.core.result;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A case's interval log, {@code latency.hlog}: HdrHistogram's log format, one interval histogram
 * per second per tag, values in nanoseconds. Readable by HdrHistogram's own tools
 * ({@code HistogramLogProcessor -tag corrected -outputValueUnitRatio 1000} prints µs).
 *
 * <p>{@link #write} keeps each interval in memory, encoded without compression (a few KiB, some
 * µs); {@link #close} compresses them into a temporary sibling and renames it into place, so a
 * reader never sees half a log. Compressing as they come would cost the writer ~0.25 ms of CPU per
 * interval (HdrHistogram deflates each one at the highest level with a fresh {@code Deflater}):
 * for a load generator given one CPU, CPU taken from its workers during the measured interval.
 *
 * <pre>{@code
 * try (LatencyLog log = LatencyLog.create(file, startEpochMs)) {
 *     log.write(LatencyLog.CORRECTED, intervalHistogram);   // start/end timestamps set by the recorder
 * }
 * Map<String, Histogram> totals = LatencyLog.readTotals(file);   // "corrected" -> sum of its intervals
 * }</pre>
 *
 * Writing is not thread-safe: one writer thread.
 */
public final class LatencyLog implements Closeable {
    /** Tag of the histogram measured from each request's intended send time. */
    public static final String CORRECTED = "corrected";
    /** Tag of the histogram measured from each request's actual send time. */
    public static final String RAW = "raw";

    /**
     * One interval histogram as the log keeps it until {@link #close}: its counts encoded by
     * HdrHistogram, uncompressed, and its place in time (epoch ms). Made by an {@link Encoder}; a
     * caller that learns an interval's tag only later (a sweep) keeps these and writes them then.
     */
    public record Encoded(long startEpochMs, long endEpochMs, byte[] counts) {}

    private record Interval(String tag, Encoded histogram) {}

    /** Null for a log to nowhere. */
    private final Path file;

    private final Path tmp;
    private final long startEpochMs;
    private final List<Interval> intervals = new ArrayList<>();
    private final Encoder encoder = new Encoder();

    private LatencyLog(Path file, long startEpochMs) throws IOException {
        this.file = file;
        // Made now, so that an unwritable place fails before the run rather than after it.
        this.tmp = file == null ? null : ResultFiles.createTempSibling(file);
        this.startEpochMs = startEpochMs;
    }

    /** Starts a log whose interval timestamps count from {@code startEpochMs}. */
    public static LatencyLog create(Path file, long startEpochMs) throws IOException {
        return new LatencyLog(file, startEpochMs);
    }

    /**
     * A log that takes every interval exactly as a file log does and keeps none: a load generator
     * rehearses its logging with it during the warm-up, so that the encoding is compiled before
     * the measured interval. Closing it does nothing.
     */
    public static LatencyLog discarding() {
        try {
            return new LatencyLog(null, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("a log to nowhere cannot fail to open", e);
        }
    }

    /**
     * Appends one interval, tagged {@code tag}; the histogram's start and end timestamps (epoch
     * ms) place it in time. The histogram may be reused as soon as this returns.
     */
    public void write(String tag, Histogram intervalHistogram) {
        write(tag, encoder.encode(intervalHistogram));
    }

    /** Appends one interval encoded earlier ({@link Encoder}), tagged {@code tag}. */
    public void write(String tag, Encoded intervalHistogram) {
        if (file != null) {
            intervals.add(new Interval(tag, intervalHistogram));
        }
    }

    /**
     * Encodes interval histograms as a log keeps them: no compression (it is done once, at {@link
     * #close}), a scratch buffer reused, so that encoding takes microseconds. Not thread-safe.
     */
    public static final class Encoder {
        private ByteBuffer scratch = ByteBuffer.allocate(0);

        /** The histogram's counts and timestamps, encoded; the histogram may be reused at once. */
        public Encoded encode(Histogram intervalHistogram) {
            int capacity = intervalHistogram.getNeededByteBufferCapacity();
            if (scratch.capacity() < capacity) {
                scratch = ByteBuffer.allocate(capacity);
            }
            scratch.clear();
            int length = intervalHistogram.encodeIntoByteBuffer(scratch);
            return new Encoded(
                    intervalHistogram.getStartTimeStamp(),
                    intervalHistogram.getEndTimeStamp(),
                    Arrays.copyOf(scratch.array(), length));
        }
    }

    /** The histogram {@code encoded} holds, its timestamps set. */
    public static Histogram decode(Encoded encoded) {
        Histogram h = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded.counts()), 0);
        h.setStartTimeStamp(encoded.startEpochMs());
        h.setEndTimeStamp(encoded.endEpochMs());
        return h;
    }

    /** Writes the log: compresses every interval into the temporary file and renames it into place. */
    @Override
    public void close() throws IOException {
        if (file == null) {
            return;
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.US_ASCII)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startEpochMs);
            writer.setBaseTime(startEpochMs);
            writer.outputLegend();
            for (Interval interval : intervals) {
                Histogram h = decode(interval.histogram());
                h.setTag(interval.tag());
                writer.outputIntervalHistogram(h);
            }
            if (out.checkError()) {
                throw new IOException("could not write " + tmp);
            }
        }
        ResultFiles.moveAtomically(tmp, file);
    }

    /**
     * Reads a log's intervals of one tag, in log order, each with its start and end timestamps
     * (epoch ms): the latency over time. (The log's timestamps count from its start time; the
     * reader adds it back, taking a timestamp more than a year before the start time as relative.)
     *
     * @throws IOException also when the log is damaged ({@link #forEachInterval})
     */
    public static List<Histogram> readIntervals(Path file, String tag) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        forEachInterval(file, h -> {
            if (tag.equals(h.getTag())) {
                intervals.add(h);
            }
        });
        return intervals;
    }

    /**
     * Reads a log and adds up the intervals of each tag (histograms are merged by adding, never
     * by averaging percentiles). Untagged intervals are returned under {@code ""}.
     *
     * @throws IOException also when the log is damaged ({@link #forEachInterval})
     */
    public static Map<String, Histogram> readTotals(Path file) throws IOException {
        Map<String, Histogram> totals = new LinkedHashMap<>();
        forEachInterval(file, h -> {
            String tag = h.getTag() == null ? "" : h.getTag();
            totals.computeIfAbsent(tag, t -> {
                        Histogram total = new Histogram(h.getNumberOfSignificantValueDigits());
                        total.setTag(t);
                        return total;
                    })
                    .add(h);
        });
        return totals;
    }

    /**
     * Every interval of the log, in order; an {@link IOException} naming the file when it is
     * damaged. HdrHistogram's reader, on a log cut off inside a line, throws whatever its scanner
     * or decoder met, unchecked ({@code NoSuchElementException: No line found} even when only the
     * last line's end is missing; {@code ArrayIndexOutOfBoundsException},
     * {@code UnsupportedOperationException} ...). The writer ends every line, so a log whose last
     * byte is not a line end is cut short, and says so before it is read. (A log cut exactly at a
     * line's end reads as a shorter log.)
     */
    private static void forEachInterval(Path file, Consumer<Histogram> each) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            if (channel.size() > 0 && (channel.position(channel.size() - 1).read(last) != 1 || last.get(0) != '\n')) {
                throw new IOException(file + " is cut short: its last line has no end");
            }
        }
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                each.accept((Histogram) interval);
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged: " + e, e);
        }
    }
}
