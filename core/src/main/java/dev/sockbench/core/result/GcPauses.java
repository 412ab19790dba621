package dev.sockbench.core.result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stop-the-world GC pauses of a JVM, read from the log it writes when started with {@link
 * #jvmFlag}: unified logging of the {@code gc} tag with the wall-clock decoration, e.g.
 *
 * <pre>
 * [1795948949103ms] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 17M-&gt;4M(384M) 48.390ms
 * </pre>
 *
 * G1, Serial and Parallel log every pause this way; a pause belongs to an interval when its log
 * line (written as it ends) falls inside it. The harness writes the server's log as {@link
 * ResultFiles#GC_LOG_FILE} in the case's folder; the report marks its pauses on the latency over
 * time ({@link #pauses}).
 *
 * @param count pauses in the interval
 * @param totalUs their summed duration, µs
 * @param maxUs the longest, µs
 */
public record GcPauses(long count, long totalUs, long maxUs) {
    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+)ms\\].*\\bPause\\b.*?\\s(\\d+(?:\\.\\d+)?)ms\\s*$");

    /** The JVM option that makes a JVM log its GC pauses to {@code file} in the format read here. */
    public static String jvmFlag(Path file) {
        // Quoted, so a path with ':' does not end the option; no rotation, so one file has it all.
        return "-Xlog:gc:file=\"" + file.toAbsolutePath() + "\":timemillis:filecount=0";
    }

    /**
     * One stop-the-world pause.
     *
     * @param endEpochMs when it ended (its log line's time), epoch ms
     * @param durationUs how long it lasted, µs
     */
    public record Pause(long endEpochMs, long durationUs) {}

    /** The pauses in {@code log} that ended in {@code [fromEpochMs, toEpochMs]}. */
    public static GcPauses read(Path log, long fromEpochMs, long toEpochMs) throws IOException {
        return parse(Files.readAllLines(log, StandardCharsets.UTF_8), fromEpochMs, toEpochMs);
    }

    /** Every pause in {@code log}, in log order. */
    public static List<Pause> pauses(Path log) throws IOException {
        return pauses(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    /** The pauses in these log lines that ended in {@code [fromEpochMs, toEpochMs]}. */
    public static GcPauses parse(List<String> lines, long fromEpochMs, long toEpochMs) {
        long count = 0;
        double totalMs = 0;
        double maxMs = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long atMs = Long.parseLong(m.group(1));
            if (atMs < fromEpochMs || atMs > toEpochMs) {
                continue;
            }
            double pauseMs = Double.parseDouble(m.group(2));
            count++;
            totalMs += pauseMs;
            maxMs = Math.max(maxMs, pauseMs);
        }
        return new GcPauses(count, Math.round(totalMs * 1000), Math.round(maxMs * 1000));
    }

    /** Every pause in these log lines, in order. */
    public static List<Pause> pauses(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.matches()) {
                pauses.add(new Pause(Long.parseLong(m.group(1)), Math.round(Double.parseDouble(m.group(2)) * 1000)));
            }
        }
        return pauses;
    }
}
