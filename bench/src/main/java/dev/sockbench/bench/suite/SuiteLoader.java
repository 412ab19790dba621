package dev.sockbench.bench.suite;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Units;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.options.LoadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * trials: 3                 # optional: each case runs 3 times, models interleaved (default 1)
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
 * Load keys are the load generator's long option names ({@link #LOAD_KEYS}), read by its own
 * parser ({@link LoadOptions#parse}); {@code server-threads} is the server's {@code --threads}.
 * Quantities take the CLI's forms ({@code 2s}, {@code 5k}, {@code 4KiB}). Each entry expands to
 * model × transport cases, model-major; a cell that cannot run here becomes a skipped case
 * carrying its reason. Every cell's load is resolved as the load generator will resolve it, so a
 * case it would reject fails here, before any process starts. An unknown key, id, malformed
 * value or a load the generator rejects is a {@link BadInputException} naming the suite, the
 * entry and the option or the accepted values.
 *
 * <p>A top-level {@code placement:} block ({@code server: HOST}, {@code load: [H1, H2]}) says
 * where a run across a cluster puts the processes; {@code bench.cluster.Placement} reads it.
 */
public final class SuiteLoader {
    /** The suites shipped in the jar, under {@code suites/<name>.yaml}. */
    public static final List<String> BUNDLED = List.of("smoke", "quick", "standard", "full", "claims", "handlers");

    /** The load keys: the load generator's long option names without their dashes, e.g. {@code rate}. */
    static final List<String> LOAD_KEYS =
            LoadOptions.names().stream().map(n -> n.substring(2)).toList();

    /** The server's {@code --threads}, beside the load keys. */
    static final String SERVER_THREADS = "server-threads";

    /** {@code syscalls: true}: count the server's system calls with strace (a case of its own: strace slows it). */
    static final String SYSCALLS = "syscalls";

    private static final String TRIALS = "trials";
    private static final Set<String> TOP_KEYS = Set.of("description", TRIALS, "defaults", "cases", "placement");
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
                    where + " must be a mapping with 'cases' (and optional 'description', 'trials', 'defaults')");
        }
        checkKeys(root, TOP_KEYS, where);
        List<String> keys = new ArrayList<>(LOAD_KEYS);
        keys.add(SERVER_THREADS);
        keys.add(SYSCALLS);
        List<String> defaultArgs = List.of();
        Integer defaultServerThreads = null;
        if (root.has("defaults")) {
            JsonNode node = root.get("defaults");
            String at = where + " defaults";
            checkKeys(node, Set.copyOf(keys), at);
            defaultArgs = loadArgs(node, at);
            options(defaultArgs, at); // its own errors are the defaults', not the first case's
            defaultServerThreads = serverThreads(node, null, at);
        }
        JsonNode cases = root.path("cases");
        if (!cases.isArray() || cases.isEmpty()) {
            throw new BadInputException(where + " has no cases; add a 'cases:' list");
        }
        keys.addAll(List.of("models", "transports"));
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode node = cases.get(i);
            String at = where + " case " + (i + 1);
            checkKeys(node, Set.copyOf(keys), at);
            List<String> models = ids(node, "models", at, catalog.modelIds(), Function.identity(), this::checkModel);
            List<Transport> transports =
                    ids(node, "transports", at, Arrays.asList(Transport.values()), Transport::fromId, t -> {});
            List<String> args = new ArrayList<>(defaultArgs);
            args.addAll(loadArgs(node, at)); // later wins: the case overrides the defaults
            LoadOptions options = options(args, at);
            Integer serverThreads = serverThreads(node, defaultServerThreads, at);
            boolean syscalls = syscalls(node, at);
            for (String model : models) {
                for (Transport transport : transports) {
                    entries.add(new Entry(model, transport, load(options, serverThreads, syscalls, transport, at)));
                }
            }
        }
        return new Suite(name, root.path("description").asText(""), trials(root, where), caseIds(entries), yaml);
    }

    /**
     * The suite text of an ad-hoc run ({@code sockbench run --models ... --transports ...}): one
     * case of these models, transports and load options, which {@link #parse} expands as any
     * suite's.
     *
     * @param models model ids, or {@code all}
     * @param transports transport ids, or {@code all}
     * @param options the load generator's options as given on the command line
     * @param serverThreads the server's {@code --threads}; null for the model's default
     * @param trials how many times each case runs
     */
    public static String adHoc(
            List<String> models, List<String> transports, LoadOptions options, Integer serverThreads, int trials) {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode root = yaml.createObjectNode();
        root.put("description", "Ad-hoc run: " + String.join(",", models) + " on " + String.join(",", transports));
        root.put(TRIALS, trials);
        ObjectNode entry = root.putArray("cases").addObject();
        models.forEach(entry.putArray("models")::add);
        transports.forEach(entry.putArray("transports")::add);
        List<String> args = options.toArgs();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            entry.put(args.get(i).substring(2), args.get(i + 1)); // --rate 5000 -> rate: "5000"
        }
        if (serverThreads != null) {
            entry.put(SERVER_THREADS, serverThreads);
        }
        try {
            return yaml.writeValueAsString(root);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the ad-hoc suite", e);
        }
    }

    /** {@code trials}, 1 when absent. */
    private static int trials(JsonNode root, String where) {
        JsonNode value = root.get(TRIALS);
        if (value == null) {
            return 1;
        }
        if (!value.canConvertToInt()
                || !value.isIntegralNumber()
                || value.asInt() < 1
                || value.asInt() > Suite.MAX_TRIALS) {
            throw new BadInputException(where + ": 'trials' must be a whole number from 1 to " + Suite.MAX_TRIALS
                    + ", got '" + value.asText() + "'");
        }
        return value.asInt();
    }

    private record Entry(String model, Transport transport, LoadSpec load) {}

    private List<SuiteCase> caseIds(List<Entry> entries) {
        int width = Integer.toString(entries.size()).length();
        List<SuiteCase> cases = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String caseId = String.format(
                    "%0" + Math.max(2, width) + "d-%s-%s-%s", i + 1, e.model, e.transport.id(), e.load.label());
            Optional<String> skip =
                    catalog.skipReason(e.model, e.transport, e.load.options().handling());
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

    /** The load keys of {@code node} as the load generator's arguments, e.g. {@code --rate=5k}. */
    private static List<String> loadArgs(JsonNode node, String at) {
        List<String> args = new ArrayList<>();
        for (String key : LOAD_KEYS) {
            JsonNode value = node.get(key);
            if (value == null) {
                continue;
            }
            if (!value.isValueNode() || value.isNull()) {
                throw new BadInputException(at + ": '" + key + "' needs one value");
            }
            args.add("--" + key + "=" + value.asText());
        }
        return args;
    }

    private static LoadOptions options(List<String> args, String at) {
        try {
            return LoadOptions.parse(args);
        } catch (BadInputException e) {
            throw new BadInputException(at + ": " + e.getMessage());
        }
    }

    /**
     * The cell's load: {@code options} resolved on {@code transport} as the load generator will
     * (so a load it would reject fails here), with what the runner relies on set explicitly.
     */
    private static LoadSpec load(
            LoadOptions options, Integer serverThreads, boolean syscalls, Transport transport, String at) {
        dev.sockbench.loadgen.LoadSpec spec;
        try {
            spec = options.resolve(transport);
        } catch (BadInputException e) {
            throw new BadInputException(at + " on " + transport.id() + ": " + e.getMessage());
        }
        LoadOptions explicit = options.copy()
                .shape(spec.shape().kind())
                .framing(spec.framing())
                .warmup(Duration.ofNanos(spec.warmupNs()))
                .duration(Duration.ofNanos(spec.durationNs()));
        return new LoadSpec(explicit, serverThreads, syscalls);
    }

    /** A case's {@code syscalls}: true or false (absent). */
    private static boolean syscalls(JsonNode node, String at) {
        JsonNode value = node.get(SYSCALLS);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new BadInputException(
                    at + ": '" + SYSCALLS + "' must be true or false, got '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    /** {@code server-threads}, or {@code base} when absent. */
    private static Integer serverThreads(JsonNode node, Integer base, String at) {
        JsonNode value = node.get(SERVER_THREADS);
        if (value == null) {
            return base;
        }
        try {
            long threads = Units.parseCount(value.asText());
            if (threads < 1) {
                throw new IllegalArgumentException(
                        SERVER_THREADS + " must be at least 1, got '" + value.asText() + "'");
            }
            return Math.toIntExact(threads);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadInputException(at + ": " + e.getMessage());
        }
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
