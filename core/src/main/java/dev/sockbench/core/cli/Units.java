package dev.sockbench.core.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the quantities users type, wrk-style:
 *
 * <ul>
 *   <li>durations: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 250us}, {@code 10ns};
 *       a bare number is seconds;
 *   <li>counts and rates: {@code 10k} = 10,000, {@code 1.5M} = 1,500,000, {@code 1G};
 *   <li>byte sizes: {@code 64}, {@code 4k} = 4,000, {@code 4KiB} = 4,096, {@code 1MiB} = 1,048,576.
 * </ul>
 *
 * Every parser throws {@link IllegalArgumentException} with a one-line message naming the
 * accepted forms.
 */
public final class Units {
    private static final Pattern NUMBER_SUFFIX = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)");

    private Units() {}

    /** A duration in nanoseconds. */
    public static long parseDurationNs(String text) {
        Matcher m = match(text, "duration", "e.g. 500ms, 30s, 2m, 1h");
        double value = Double.parseDouble(m.group(1));
        double unitNs =
                switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ns" -> 1;
                    case "us", "µs" -> 1e3;
                    case "ms" -> 1e6;
                    case "", "s" -> 1e9;
                    case "m", "min" -> 60e9;
                    case "h" -> 3600e9;
                    default -> throw bad(text, "duration", "e.g. 500ms, 30s, 2m, 1h");
                };
        return Math.round(value * unitNs);
    }

    /** A count with an optional SI suffix (k, M, G); must be a whole number. */
    public static long parseCount(String text) {
        String forms = "e.g. 200, 10k, 1.5M";
        double scaled = parseSi(text, "number", forms);
        if (scaled != Math.rint(scaled) || scaled > Long.MAX_VALUE) {
            throw bad(text, "number", "a whole number, " + forms);
        }
        return (long) scaled;
    }

    /** A rate per second with an optional SI suffix; fractions allowed ({@code 0.5} = one every 2 s). */
    public static double parseRate(String text) {
        return parseSi(text, "rate", "requests per second, e.g. 500, 10k, 1.5M");
    }

    private static double parseSi(String text, String what, String forms) {
        Matcher m = match(text, what, forms);
        double scale =
                switch (m.group(2)) {
                    case "" -> 1;
                    case "k", "K" -> 1e3;
                    case "M", "m" -> 1e6;
                    case "G", "g" -> 1e9;
                    default -> throw bad(text, what, forms);
                };
        return Double.parseDouble(m.group(1)) * scale;
    }

    /** A size in bytes: SI suffixes k, M, G (powers of 1000) or binary KiB, MiB, GiB; a trailing B is optional. */
    public static long parseBytes(String text) {
        String forms = "e.g. 64, 4KiB, 1MiB, 16k";
        Matcher m = match(text, "size", forms);
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit.length() > 1 && (unit.endsWith("B") || unit.endsWith("b")) && !unit.equalsIgnoreCase("b")) {
            unit = unit.substring(0, unit.length() - 1);
        }
        double scale =
                switch (unit) {
                    case "", "B", "b" -> 1;
                    case "k", "K" -> 1e3;
                    case "M" -> 1e6;
                    case "G" -> 1e9;
                    case "Ki", "KI", "ki" -> 1024;
                    case "Mi", "MI", "mi" -> 1024 * 1024;
                    case "Gi", "GI", "gi" -> 1024.0 * 1024 * 1024;
                    default -> throw bad(text, "size", forms);
                };
        double scaled = value * scale;
        if (scaled != Math.rint(scaled)) {
            throw bad(text, "size", "a whole number of bytes, " + forms);
        }
        return (long) scaled;
    }

    /** Formats nanoseconds the way {@link #parseDurationNs} reads them back, e.g. {@code 1500ms}. */
    public static String formatDurationNs(long ns) {
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + "s";
        }
        if (ns % 1_000_000L == 0) {
            return ns / 1_000_000L + "ms";
        }
        if (ns % 1_000L == 0) {
            return ns / 1_000L + "us";
        }
        return ns + "ns";
    }

    private static Matcher match(String text, String what, String forms) {
        Matcher m = NUMBER_SUFFIX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw bad(text, what, forms);
        }
        return m;
    }

    private static IllegalArgumentException bad(String text, String what, String forms) {
        return new IllegalArgumentException("malformed " + what + " '" + text + "'; " + forms);
    }
}
