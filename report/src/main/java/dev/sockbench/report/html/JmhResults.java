package dev.sockbench.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sockbench.core.result.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The latest JMH results beside the run ({@code ./run.sh jmh} writes {@code results/jmh-<time>/jmh.json}
 * next to the run folders): copied into the report folder as {@value #FILE}, so the folder stays
 * self-contained, and summed up one line per benchmark: its score with JMH's error, and the
 * bytes it allocated per operation when run with {@code -prof gc}.
 */
final class JmhResults {
    /** The copy in the report folder. */
    static final String FILE = "jmh.json";

    private static final String FOLDER_PREFIX = "jmh-";

    private JmhResults() {}

    /**
     * Copies the latest {@code jmh-*}{@code /jmh.json} beside {@code runDir} into {@code reportDir}
     * and sums it up; null when there is none (a copy left by an earlier render is removed).
     */
    static Page.Jmh copyLatest(Path runDir, Path reportDir) throws IOException {
        Path latest = latest(runDir.toAbsolutePath().normalize().getParent());
        Path copy = reportDir.resolve(FILE);
        if (latest == null) {
            Files.deleteIfExists(copy);
            return null;
        }
        ResultFiles.writeAtomically(copy, Files.readAllBytes(latest));
        String folder = latest.getParent().getFileName().toString();
        List<String> lines;
        try {
            lines = summary(ResultFiles.mapper().readTree(latest.toFile()));
        } catch (IOException | RuntimeException e) {
            lines = List.of("cannot read " + folder + "/" + FILE + ": " + e.getMessage());
        }
        return new Page.Jmh(FILE, folder, lines);
    }

    /** The newest results folder's jmh.json in {@code dir} (the folder names sort by time); null for none. */
    static Path latest(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(FOLDER_PREFIX))
                    .map(p -> p.resolve(FILE))
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString()))
                    .orElse(null);
        }
    }

    /**
     * One line per benchmark, e.g. {@code ProtocolBenchmark.decodeFrame · avgt · 4.339 ± 0.120 ns/op
     * · 0 B/op allocated}.
     */
    static List<String> summary(JsonNode results) {
        List<String> lines = new ArrayList<>();
        for (JsonNode b : results) {
            String name = b.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1); // Class.method
            StringBuilder line = new StringBuilder(name);
            JsonNode params = b.path("params");
            if (params.isObject() && !params.isEmpty()) {
                List<String> ps = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    ps.add(p.getKey() + "=" + p.getValue().asText());
                }
                line.append(" (").append(String.join(", ", ps)).append(')');
            }
            JsonNode primary = b.path("primaryMetric");
            String unit = primary.path("scoreUnit").asText();
            line.append(" · ").append(b.path("mode").asText()).append(" · ").append(number(primary.path("score")));
            if (primary.path("scoreError").isNumber()
                    && !Double.isNaN(primary.path("scoreError").asDouble())) {
                line.append(" ± ").append(number(primary.path("scoreError")));
            }
            line.append(' ').append(unit);
            JsonNode median = primary.path("scorePercentiles").path("50.0");
            if ("sample".equals(b.path("mode").asText()) && median.isNumber()) {
                line.append(" · median ").append(number(median)).append(' ').append(unit);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            b.path("secondaryMetrics").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                if (m.getKey().endsWith("gc.alloc.rate.norm")) {
                    // whole bytes: JMH's 0.00003 B/op is "no allocation per operation"
                    line.append(" · ")
                            .append(String.format(
                                    Locale.ROOT,
                                    "%,.0f",
                                    m.getValue().path("score").asDouble()))
                            .append(' ')
                            .append(m.getValue().path("scoreUnit").asText())
                            .append(" allocated");
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Four significant digits, thousands grouped: {@code 4.339}, {@code 1,234}. */
    private static String number(JsonNode value) {
        double v = value.asDouble();
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }
}
