package dev.sockbench.core.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Reads and writes the files of a results folder.
 *
 * <pre>
 * results/&lt;run-id&gt;/
 *   run.json                        {@link RunResult}
 *   suite.yaml                      the suite as run (what {@code --resume} expands again)
 *   cases/&lt;case-id&gt;/summary.json     {@link CaseSummary}
 *   cases/&lt;case-id&gt;/trial-&lt;k&gt;/      each trial's files, when the case runs several times
 *   cases/&lt;case-id&gt;/latency.hlog     {@link LatencyLog}: HdrHistogram interval log, tags
 *                                   "corrected" and "raw", values in ns
 *   report/index.html + *.png       the report
 * </pre>
 *
 * While a case runs, its folder also holds the load generator's {@code load.json} ({@link
 * LoadReport}); the harness composes {@code summary.json} from it and removes it.
 *
 * <h2>Format 2</h2>
 * JSON, UTF-8, field names as in the records' javadoc and in the order of their components; absent
 * optional blocks are left out.
 * {@code "format": 2} is the first field. A reader accepts fields it does not know (a later minor
 * addition) and rejects a newer {@code format}. Every file is written to a temporary name in the
 * same folder and renamed, so an interrupted run leaves only whole files.
 *
 * <p>Format 1 runs are still read: {@code run.json} is the same in both formats, and a format-1
 * {@code summary.json} (flat) is read as its format-2 equivalent (in blocks), as {@link
 * CaseSummary} documents.
 */
public final class ResultFiles {
    /** The format version this code writes, and the newest it reads. */
    public static final int FORMAT = 2;

    /** The oldest format version this code reads. */
    public static final int OLDEST_FORMAT = 1;

    public static final String RUN_FILE = "run.json";
    /** The suite's YAML text as the run expanded it. */
    public static final String SUITE_FILE = "suite.yaml";

    public static final String CASES_DIR = "cases";
    public static final String SUMMARY_FILE = "summary.json";
    /** The load generator's report to the harness, in the case's folder while the case runs. */
    public static final String LOAD_REPORT_FILE = "load.json";

    public static final String LATENCY_LOG_FILE = "latency.hlog";
    public static final String REPORT_DIR = "report";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Map entries (e.g. the pinning) in key order, so the same records always give the same bytes.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ResultFiles() {}

    /** The shared mapper: indented output, map keys sorted, unknown fields tolerated. Thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code value} as JSON to {@code file} atomically, creating parent folders. */
    public static void writeJson(Path file, Object value) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(value);
        writeAtomically(file, bytes);
    }

    /** Writes bytes to a temporary sibling and renames it over {@code file}. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = createTempSibling(file);
        try {
            Files.write(tmp, bytes);
            moveAtomically(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates an empty temporary file beside {@code file} (creating the folder), readable by all
     * like any other result file: {@code createTempFile} alone would make it owner-only, and a
     * report published from a shared machine must be readable.
     */
    public static Path createTempSibling(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return tmp;
    }

    /** Renames {@code from} over {@code to}, atomically where the file system allows. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads a case summary of format 2, or of format 1 mapped onto format 2. */
    public static CaseSummary readSummary(Path file) throws IOException {
        JsonNode tree = readTree(file, OLDEST_FORMAT);
        if (tree.path("format").asInt() == 1) {
            tree = FormatOneSummary.toFormatTwo((ObjectNode) tree);
        }
        return MAPPER.treeToValue(tree, CaseSummary.class);
    }

    /** Reads a run's {@code run.json}, of either format (the file did not change between them). */
    public static RunResult readRun(Path runDir) throws IOException {
        return MAPPER.treeToValue(readTree(runDir.resolve(RUN_FILE), OLDEST_FORMAT), RunResult.class);
    }

    /** Reads the load generator's report: only the current format (the generator and harness ship together). */
    public static LoadReport readLoadReport(Path file) throws IOException {
        return MAPPER.treeToValue(readTree(file, FORMAT), LoadReport.class);
    }

    /** The summary of one case of a run. */
    public static CaseSummary readSummary(Path runDir, String caseId) throws IOException {
        return readSummary(caseDir(runDir, caseId).resolve(SUMMARY_FILE));
    }

    public static Path caseDir(Path runDir, String caseId) {
        return runDir.resolve(CASES_DIR).resolve(caseId);
    }

    /** The folder of trial {@code trial} (from 1) of a case run several times. */
    public static Path trialDir(Path runDir, String caseId, int trial) {
        return caseDir(runDir, caseId).resolve(RunResult.TrialEntry.folder(trial));
    }

    /** A JSON file's tree, once its format is known to lie between {@code oldest} and {@link #FORMAT}. */
    private static JsonNode readTree(Path file, int oldest) throws IOException {
        JsonNode tree = MAPPER.readTree(file.toFile());
        int format = tree.path("format").asInt(-1);
        if (format < oldest || format > FORMAT) {
            String reads = oldest == FORMAT ? "format " + FORMAT : "formats " + oldest + " to " + FORMAT;
            throw new IOException(file + " has format " + format + "; this sockbench reads " + reads);
        }
        return tree;
    }

    /** JSON text of a value, for tests and stdout. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
