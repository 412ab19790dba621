package dev.sockbench.core.result;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A case's interval log, {@code latency.hlog}: HdrHistogram's log format, one interval histogram
 * per second per tag, values in nanoseconds. Readable by HdrHistogram's own tools
 * ({@code HistogramLogProcessor -tag corrected -outputValueUnitRatio 1000} prints µs).
 *
 * <p>Writing goes to a temporary sibling that {@link #close} renames into place, so a reader
 * never sees half a log.
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

    private final Path file;
    private final Path tmp;
    private final PrintStream out;
    private final HistogramLogWriter writer;

    private LatencyLog(Path file, long startEpochMs) throws IOException {
        this(file, file == null ? null : ResultFiles.createTempSibling(file), startEpochMs);
    }

    private LatencyLog(Path file, Path tmp, long startEpochMs) throws IOException {
        this.file = file;
        this.tmp = tmp;
        this.out = new PrintStream(
                tmp == null ? OutputStream.nullOutputStream() : Files.newOutputStream(tmp),
                false,
                java.nio.charset.StandardCharsets.US_ASCII);
        this.writer = new HistogramLogWriter(out);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMs);
        writer.setBaseTime(startEpochMs);
        writer.outputLegend();
    }

    /** Starts a log whose interval timestamps count from {@code startEpochMs}. */
    public static LatencyLog create(Path file, long startEpochMs) throws IOException {
        return new LatencyLog(file, startEpochMs);
    }

    /**
     * A log that encodes every interval exactly as a file log does and writes it nowhere: a load
     * generator rehearses its logging with it during the warm-up, so that the encoding is compiled
     * before the measured interval. Closing it does nothing.
     */
    public static LatencyLog discarding() {
        try {
            return new LatencyLog(null, null, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("a log to nowhere cannot fail to open", e);
        }
    }

    /**
     * Appends one interval. The histogram's start and end timestamps (epoch ms) place it in time;
     * its tag is set to {@code tag}.
     */
    public void write(String tag, Histogram intervalHistogram) {
        intervalHistogram.setTag(tag);
        writer.outputIntervalHistogram(intervalHistogram);
    }

    /** Flushes and renames the log into place. */
    @Override
    public void close() throws IOException {
        out.close();
        if (file == null) {
            return;
        }
        if (out.checkError()) {
            throw new IOException("could not write " + tmp);
        }
        ResultFiles.moveAtomically(tmp, file);
    }

    /**
     * Reads a log and adds up the intervals of each tag (histograms are merged by adding, never
     * by averaging percentiles). Untagged intervals are returned under {@code ""}.
     */
    public static Map<String, Histogram> readTotals(Path file) throws IOException {
        Map<String, Histogram> totals = new LinkedHashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                Histogram h = (Histogram) interval;
                String tag = h.getTag() == null ? "" : h.getTag();
                totals.computeIfAbsent(tag, t -> {
                            Histogram total = new Histogram(h.getNumberOfSignificantValueDigits());
                            total.setTag(t);
                            return total;
                        })
                        .add(h);
            }
        }
        return totals;
    }
}
