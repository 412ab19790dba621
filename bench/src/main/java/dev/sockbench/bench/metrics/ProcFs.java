package dev.sockbench.bench.metrics;

import dev.sockbench.core.result.KernelCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads process and kernel counters from a {@code /proc} tree. The root is a parameter so tests
 * can read fixtures; {@link #system()} reads the real one. Linux only. Thread-safe (stateless).
 */
public final class ProcFs {
    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    /** The machine's own {@code /proc}. */
    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /**
     * Reads the thread count and RSS of {@code pid} from {@code /proc/<pid>/status}: one small file,
     * however many threads the process has.
     *
     * @throws NoSuchFileException when the process is gone
     */
    public ProcessSample sample(long pid) throws IOException {
        Map<String, String> status =
                parseStatus(read(root.resolve(Long.toString(pid)).resolve("status")));
        return new ProcessSample(
                Integer.parseInt(status.getOrDefault("Threads", "0")), kiloBytes(status.getOrDefault("VmRSS", "0 kB")));
    }

    /** The kernel's UDP and listen-queue drop counters, as totals since boot; one this kernel lacks is null. */
    public KernelCounters kernelCounters() throws IOException {
        Map<String, Long> udp = parseHeaderValueTable(read(root.resolve("net/snmp")), "Udp");
        Map<String, Long> tcpExt = parseHeaderValueTable(read(root.resolve("net/netstat")), "TcpExt");
        return new KernelCounters(
                udp.get("RcvbufErrors"), udp.get("InErrors"), tcpExt.get("ListenOverflows"), tcpExt.get("ListenDrops"));
    }

    /** The {@code Key:\tvalue} lines of a {@code status} file. */
    static Map<String, String> parseStatus(String status) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : status.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /**
     * One table of {@code /proc/net/snmp} or {@code /proc/net/netstat}: a line of names prefixed
     * {@code "<table>:"} followed by a line of values with the same prefix.
     */
    static Map<String, Long> parseHeaderValueTable(String text, String table) {
        String prefix = table + ":";
        List<String> lines =
                text.lines().filter(l -> l.startsWith(prefix + " ")).toList();
        Map<String, Long> values = new LinkedHashMap<>();
        if (lines.size() < 2) {
            return values;
        }
        String[] names = lines.get(0).substring(prefix.length()).trim().split("\\s+");
        String[] numbers = lines.get(1).substring(prefix.length()).trim().split("\\s+");
        for (int i = 0; i < Math.min(names.length, numbers.length); i++) {
            values.put(names[i], Long.parseLong(numbers[i]));
        }
        return values;
    }

    private static long kiloBytes(String value) {
        // "12345 kB": the kernel always reports these sizes in KiB.
        return Long.parseLong(value.split("\\s+")[0]) * 1024;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
