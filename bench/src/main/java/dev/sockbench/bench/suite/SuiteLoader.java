package dev.sockbench.bench.suite;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Units;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a suite file and expands it against the model × transport matrix.
 *
 * <pre>{@code
 * description: Both foundation models over TCP, closed and open loop.
 * defaults:                 # every case starts from these; a case overrides any of them
 *   warmup: 1s
 *   duration: 2s
 *   payload: 64
 * cases:
 *   - models: [blocking-platform, nio-epoll]   # or one id, or "all"
 *     transports: tcp                          # or a list, or "all"
 *     shape: closed
 *     connections: 4
 *   - models: all
 *     transports: all
 *     shape: open
 *     rate: 5k
 * }</pre>
 *
 * Load keys are the load generator's long option names ({@link #LOAD_KEYS}); {@code
 * server-threads} is the server's {@code --threads}. Quantities take the CLI's forms ({@code 2s},
 * {@code 5k}, {@code 4KiB}). Each entry expands to model × transport cases, model-major; a cell
 * that cannot run here becomes a skipped case carrying its reason. An unknown key, id or
 * malformed value is a {@link BadInputException} naming the suite, the entry and the accepted
 * values.
 */
public final class SuiteLoader {
    /** The suites shipped in the jar, under {@code suites/<name>.yaml}. */
    public static final List<String> BUNDLED = List.of("smoke", "quick");

    static final List<String> LOAD_KEYS = List.of(
            "shape",
            "connections",
            "rate",
            "payload",
            "duration",
            "warmup",
            "framing",
            "threads",
            "depth",
            "arrival",
            "slo",
            "idle",
            "timeout",
            "max-rate",
            "step-factor",
            "refine",
            "server-threads");
    private static final Set<String> TOP_KEYS = Set.of("description", "defaults", "cases");
    private static final String ALL = "all";

    private final ModelCatalog catalog;

    public SuiteLoader(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Loads a bundled suite by name or a suite file by path.
     *
     * @throws BadInputException when it is neither, or the file is malformed
     */
    public Suite load(String nameOrFile) {
        if (BUNDLED.contains(nameOrFile)) {
            return parse(nameOrFile, bundledText(nameOrFile));
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("unknown suite '" + nameOrFile + "'; accepted: " + String.join(", ", BUNDLED)
                    + ", or the path of a suite .yaml file");
        }
        try {
            String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException("cannot read suite file " + file + ": " + e.getMessage());
        }
    }

    /** Parses and expands suite text; {@code name} labels the suite and its error messages. */
    public Suite parse(String name, String yaml) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JacksonException e) {
            throw new BadInputException("suite '" + name + "' is not valid YAML: " + oneLine(e));
        }
        String where = "suite '" + name + "'";
        if (root == null || !root.isObject()) {
            throw new BadInputException(
                    where + " must be a mapping with 'cases' (and optional 'description', 'defaults')");
        }
        checkKeys(root, TOP_KEYS, where);
        LoadSpec defaults = LoadSpec.DEFAULTS;
        if (root.has("defaults")) {
            JsonNode node = root.get("defaults");
            checkKeys(node, Set.copyOf(LOAD_KEYS), where + " defaults");
            defaults = load(node, defaults, where + " defaults");
        }
        JsonNode cases = root.path("cases");
        if (!cases.isArray() || cases.isEmpty()) {
            throw new BadInputException(where + " has no cases; add a 'cases:' list");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode node = cases.get(i);
            String at = where + " case " + (i + 1);
            List<String> keys = new ArrayList<>(LOAD_KEYS);
            keys.addAll(List.of("models", "transports"));
            checkKeys(node, Set.copyOf(keys), at);
            List<String> models = ids(node, "models", at, catalog.modelIds(), Function.identity(), this::checkModel);
            List<Transport> transports =
                    ids(node, "transports", at, Arrays.asList(Transport.values()), Transport::fromId, t -> {});
            LoadSpec load = load(node, defaults, at);
            for (String model : models) {
                for (Transport transport : transports) {
                    entries.add(new Entry(model, transport, load));
                }
            }
        }
        return new Suite(name, root.path("description").asText(""), caseIds(entries));
    }

    private record Entry(String model, Transport transport, LoadSpec load) {}

    private List<SuiteCase> caseIds(List<Entry> entries) {
        int width = Integer.toString(entries.size()).length();
        List<SuiteCase> cases = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String caseId = String.format(
                    "%0" + Math.max(2, width) + "d-%s-%s-%s", i + 1, e.model, e.transport.id(), e.load.label());
            Optional<String> skip = catalog.skipReason(e.model, e.transport);
            cases.add(new SuiteCase(caseId, e.model, e.transport, e.load, skip.orElse(null)));
        }
        return cases;
    }

    private void checkModel(String model) {
        catalog.skipReason(model, Transport.TCP); // throws, naming the known ids, when unknown
    }

    /** {@code key}: "all", one id or a list of ids; each converted and checked. */
    private static <T> List<T> ids(
            JsonNode node,
            String key,
            String at,
            List<T> all,
            Function<String, T> convert,
            java.util.function.Consumer<T> check) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new BadInputException(at + " needs '" + key + "': 'all', one id, or a list of ids");
        }
        List<String> texts = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> texts.add(v.asText()));
        } else if (value.isValueNode()) {
            texts.add(value.asText());
        }
        if (texts.isEmpty()) {
            throw new BadInputException(at + " needs '" + key + "': 'all', one id, or a list of ids");
        }
        if (texts.equals(List.of(ALL))) {
            return all;
        }
        List<T> result = new ArrayList<>();
        for (String text : texts) {
            try {
                T id = convert.apply(text);
                check.accept(id);
                result.add(id);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(at + ": " + e.getMessage());
            }
        }
        return result;
    }

    /** {@code base} with the load keys of {@code node} applied. */
    private static LoadSpec load(JsonNode node, LoadSpec base, String at) {
        try {
            String shape = text(node, "shape", base.shape());
            if (!LoadSpec.SHAPES.contains(shape)) {
                throw new IllegalArgumentException(
                        "unknown shape '" + shape + "'; accepted: " + String.join(", ", LoadSpec.SHAPES));
            }
            Double rate = positive(node, "rate", base.ratePerSec(), Units::parseRate);
            Double stepFactor = positive(node, "step-factor", base.stepFactor(), Double::parseDouble);
            if (stepFactor != null && !(stepFactor > 1)) {
                throw new IllegalArgumentException("step-factor must be above 1, got " + stepFactor);
            }
            Integer payload = base.payloadBytes();
            if (node.has("payload")) {
                payload = Math.toIntExact(Units.parseBytes(node.get("payload").asText()));
            }
            Integer refine = base.refineSteps();
            if (node.has("refine")) { // a count, 0 or more: a negative one is malformed
                refine = Math.toIntExact(Units.parseCount(node.get("refine").asText()));
            }
            return new LoadSpec(
                    shape,
                    count(node, "connections", base.connections()),
                    rate,
                    payload,
                    node.has("duration")
                            ? Units.parseDurationNs(node.get("duration").asText())
                            : base.durationNs(),
                    node.has("warmup")
                            ? Units.parseDurationNs(node.get("warmup").asText())
                            : base.warmupNs(),
                    node.has("framing") ? Framing.fromId(node.get("framing").asText()) : base.framing(),
                    count(node, "threads", base.loadgenThreads()),
                    count(node, "depth", base.depth()),
                    text(node, "arrival", base.arrival()),
                    text(node, "slo", base.slo()),
                    count(node, "idle", base.idle()),
                    node.has("timeout")
                            ? (Long) Units.parseDurationNs(node.get("timeout").asText())
                            : base.timeoutNs(),
                    positive(node, "max-rate", base.maxRatePerSec(), Units::parseRate),
                    stepFactor,
                    refine,
                    count(node, "server-threads", base.serverThreads()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadInputException(at + ": " + e.getMessage());
        }
    }

    /** {@code key} parsed, or {@code base} when absent; a value not above 0 is refused. */
    private static Double positive(JsonNode node, String key, Double base, Function<String, Double> parse) {
        if (!node.has(key)) {
            return base;
        }
        String text = node.get(key).asText();
        double value = parse.apply(text);
        if (!(value > 0)) {
            throw new IllegalArgumentException(key + " must be above 0, got '" + text + "'");
        }
        return value;
    }

    private static Integer count(JsonNode node, String key, Integer base) {
        if (!node.has(key)) {
            return base;
        }
        long value = Units.parseCount(node.get(key).asText());
        if (value < 1) {
            throw new IllegalArgumentException(
                    key + " must be at least 1, got '" + node.get(key).asText() + "'");
        }
        return Math.toIntExact(value);
    }

    private static String text(JsonNode node, String key, String base) {
        return node.has(key) ? node.get(key).asText() : base;
    }

    private static void checkKeys(JsonNode node, Set<String> accepted, String at) {
        if (!node.isObject()) {
            throw new BadInputException(at + " must be a mapping of keys to values");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!accepted.contains(key)) {
                throw new BadInputException(
                        at + ": unknown key '" + key + "'; accepted: " + String.join(", ", sorted(accepted)));
            }
        }
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    /** The parser's complaint without its multi-line excerpt of the file, plus where it is. */
    private static String oneLine(JacksonException e) {
        String what = e.getOriginalMessage()
                .lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(java.util.stream.Collectors.joining("; "));
        var at = e.getLocation();
        return at == null ? what : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static String bundledText(String name) {
        String resource = "/suites/" + name + ".yaml";
        try (InputStream in = SuiteLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled suite " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled suite " + resource, e);
        }
    }
}
