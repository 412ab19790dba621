package dev.sockbench.loadgen.check;

import dev.sockbench.core.process.CpuSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link CpuMeter} of this process: its CPU time from the JVM, and the steal time of the CPUs
 * it may run on ({@code Cpus_allowed_list} of {@code /proc/self/status}, read once: the suite
 * runner pins the generator with {@code taskset} before it starts) summed from the {@code steal}
 * column of their {@code cpuN} lines in {@code /proc/stat}. That column counts clock ticks of
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
    private final CpuSet cpus;

    ProcessCpuMeter() {
        this(Path.of("/proc/stat"), allowedCpus());
    }

    /** @param cpus the CPUs whose steal counts; null when unknown (then steal is unknown) */
    ProcessCpuMeter(Path procStat, CpuSet cpus) {
        this.procStat = procStat;
        this.cpus = cpus;
    }

    @Override
    public long cpuNs() {
        return os.getProcessCpuTime();
    }

    @Override
    public long stealNs() {
        if (cpus == null) {
            return UNKNOWN;
        }
        try {
            return stealTicks(Files.readAllLines(procStat), cpus) * NS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN; // no /proc/stat, or a kernel without the column: unknown, never 0
        }
    }

    /** The steal ticks of {@code cpus} in the lines of {@code /proc/stat}. */
    static long stealTicks(List<String> procStatLines, CpuSet cpus) {
        long ticks = 0;
        int found = 0;
        for (String line : procStatLines) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].startsWith("cpu")
                    && fields[0].length() > 3
                    && cpus.cpus().contains(Integer.parseInt(fields[0].substring(3)))) {
                ticks += Long.parseLong(fields[STEAL_FIELD]);
                found++;
            }
        }
        if (found != cpus.size()) {
            throw new IllegalStateException("not every CPU of " + cpus + " is in /proc/stat");
        }
        return ticks;
    }

    private static CpuSet allowedCpus() {
        try {
            return CpuSet.allowedForThisProcess();
        } catch (IOException e) {
            return null;
        }
    }
}
