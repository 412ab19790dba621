package dev.sockbench.loadgen.check;

import dev.sockbench.core.process.CpuSet;
import dev.sockbench.loadgen.engine.WorkerAffinity;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link CpuMeter} of this process: its CPU time from the JVM, and the steal time of the CPUs
 * its workers run on — those of {@code --worker-cpus} ({@link WorkerAffinity}; the suite runner
 * starts the generator on the server's CPUs and pins only its workers to the generator's own), or
 * else the CPUs the process may run on ({@code Cpus_allowed_list} of {@code /proc/self/status},
 * read once) — summed from the {@code steal} column of their {@code cpuN} lines in {@code
 * /proc/stat}. That column counts clock ticks of
 * 10 ms ({@code USER_HZ} 100), so a difference is good to 10 ms per CPU: enough to see a host
 * that took a share of the interval, not a single stall.
 */
final class ProcessCpuMeter implements CpuMeter {
    private static final long NS_PER_TICK = 10_000_000L;
    /** Index of {@code steal} in a {@code cpuN} line, the name being 0. */
    private static final int STEAL_FIELD = 8;

    /** The bean is looked up once: each lookup walks the platform's bean registry. */
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Path procStat;
    private final Supplier<CpuSet> cpus;

    ProcessCpuMeter() {
        this(Path.of("/proc/stat"), workersElse(allowedCpus()));
    }

    /** The workers' CPUs when they are pinned, else {@code allowed}; asked at each reading. */
    static Supplier<CpuSet> workersElse(CpuSet allowed) {
        return () -> WorkerAffinity.cpus().size() > 0 ? WorkerAffinity.cpus() : allowed;
    }

    /** @param cpus the CPUs whose steal counts, asked at each reading; null when unknown (then steal is unknown) */
    ProcessCpuMeter(Path procStat, Supplier<CpuSet> cpus) {
        this.procStat = procStat;
        this.cpus = cpus;
    }

    @Override
    public long cpuNs() {
        return os.getProcessCpuTime();
    }

    @Override
    public long stealNs() {
        CpuSet counted = cpus.get();
        if (counted == null) {
            return UNKNOWN;
        }
        try {
            return stealTicks(cpuLines(procStat), counted) * NS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN; // no /proc/stat, or a kernel without the column: unknown, never 0
        }
    }

    /**
     * The {@code cpu} lines that open {@code /proc/stat}; the rest (its {@code intr} line alone has
     * thousands of numbers) is not read: this runs on the generator's CPU as its interval begins.
     */
    private static List<String> cpuLines(Path procStat) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(procStat, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = in.readLine()) != null && line.startsWith("cpu")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The steal ticks of {@code cpus} in {@code cpu} lines of {@code /proc/stat}. */
    static long stealTicks(List<String> cpuLines, CpuSet cpus) {
        long ticks = 0;
        int found = 0;
        for (String line : cpuLines) {
            String name = field(line, 0);
            if (name.length() > 3 && cpus.cpus().contains(Integer.parseInt(name.substring(3)))) {
                ticks += Long.parseLong(field(line, STEAL_FIELD));
                found++;
            }
        }
        if (found != cpus.size()) {
            throw new IllegalStateException("not every CPU of " + cpus + " is in /proc/stat");
        }
        return ticks;
    }

    /** Field {@code index} of a line of blank-separated fields (no regular expression: see above). */
    private static String field(String line, int index) {
        int i = 0;
        for (int field = 0; ; field++) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
            if (start == i) {
                throw new IllegalStateException("no field " + index + " in '" + line + "'");
            }
            if (field == index) {
                return line.substring(start, i);
            }
        }
    }

    private static CpuSet allowedCpus() {
        try {
            return CpuSet.allowedForThisProcess();
        } catch (IOException e) {
            return null;
        }
    }
}
