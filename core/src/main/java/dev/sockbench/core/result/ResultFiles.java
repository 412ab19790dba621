package dev.sockbench.core.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 *   cases/&lt;case-id&gt;/summary.json     {@link CaseSummary}
 *   cases/&lt;case-id&gt;/latency.hlog     {@link LatencyLog}: HdrHistogram interval log, tags
 *                                   "corrected" and "raw", values in ns
 *   report/index.html + *.png       the report
 * </pre>
 *
 * <h2>Format 1</h2>
 * JSON, UTF-8, field names as in the records' javadoc; absent optional blocks are left out.
 * {@code "format": 1} is the first field. A reader accepts fields it does not know (a later minor
 * addition) and rejects a newer {@code format}. Every file is written to a temporary name in the
 * same folder and renamed, so an interrupted run leaves only whole files.
 */
public final class ResultFiles {
    /** The format version this code writes and reads. */
    public static final int FORMAT = 1;

    public static final String RUN_FILE = "run.json";
    public static final String CASES_DIR = "cases";
    public static final String SUMMARY_FILE = "summary.json";
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

    public static CaseSummary readSummary(Path file) throws IOException {
        return read(file, CaseSummary.class);
    }

    public static RunResult readRun(Path runDir) throws IOException {
        return read(runDir.resolve(RUN_FILE), RunResult.class);
    }

    /** The summary of one case of a run. */
    public static CaseSummary readSummary(Path runDir, String caseId) throws IOException {
        return readSummary(caseDir(runDir, caseId).resolve(SUMMARY_FILE));
    }

    public static Path caseDir(Path runDir, String caseId) {
        return runDir.resolve(CASES_DIR).resolve(caseId);
    }

    private static <T> T read(Path file, Class<T> type) throws IOException {
        var tree = MAPPER.readTree(file.toFile());
        int format = tree.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IOException(file + " has format " + format + "; this sockbench reads format " + FORMAT);
        }
        return MAPPER.treeToValue(tree, type);
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
