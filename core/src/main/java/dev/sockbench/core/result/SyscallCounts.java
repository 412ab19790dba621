package dev.sockbench.core.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The system calls a server made in part of a case's measured interval, counted by {@code strace
 * -c -f} attached to it (a suite case with {@code syscalls: true}; the bench module writes it).
 * strace slows every call down, so such a case's latency and rate describe the traced server, not
 * the model: only the counts per request mean something. Written as {@link #FILE} in the case's
 * folder, beside the summary.
 *
 * @param tool what counted, e.g. {@code strace 6.1}
 * @param windowSec how long the count ran (attached to detached)
 * @param calls calls per system call name, every thread of the server
 */
public record SyscallCounts(String tool, double windowSec, Map<String, Long> calls) {
    public static final String FILE = "syscalls.json";

    public SyscallCounts {
        calls = new TreeMap<>(calls);
    }

    /** Calls of these names per request at {@code requestsPerSec} over the window (names absent count 0). */
    public double perRequest(double requestsPerSec, String... names) {
        long sum = 0;
        for (String name : names) {
            sum += calls.getOrDefault(name, 0L);
        }
        return requestsPerSec <= 0 || windowSec <= 0 ? Double.NaN : sum / (requestsPerSec * windowSec);
    }

    /** The counts in {@code caseDir}, if it has them. */
    public static Optional<SyscallCounts> read(Path caseDir) throws IOException {
        Path file = caseDir.resolve(FILE);
        return Files.isRegularFile(file)
                ? Optional.of(ResultFiles.mapper().readValue(file.toFile(), SyscallCounts.class))
                : Optional.empty();
    }
}
