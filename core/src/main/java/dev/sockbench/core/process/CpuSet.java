package dev.sockbench.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of CPU ids in the kernel's list syntax ({@code 0-3,6}), as in {@code Cpus_allowed_list}
 * of {@code /proc/<pid>/status} and {@code taskset -c}.
 *
 * @param cpus the ids, ascending, no duplicates
 */
public record CpuSet(List<Integer> cpus) {

    public CpuSet {
        cpus = List.copyOf(new TreeSet<>(cpus));
    }

    /**
     * The CPUs this process may run on: {@code Cpus_allowed_list} of {@code /proc/self/status}
     * ({@code taskset} is honoured).
     *
     * @throws IOException when the file cannot be read or has no such line
     */
    public static CpuSet allowedForThisProcess() throws IOException {
        return allowedIn(Path.of("/proc/self/status"));
    }

    /**
     * The CPUs a process or thread may run on: {@code Cpus_allowed_list} of its {@code status} file
     * ({@code /proc/PID/status}, {@code /proc/PID/task/TID/status}).
     *
     * @throws IOException when the file cannot be read or has no such line
     */
    public static CpuSet allowedIn(Path status) throws IOException {
        try {
            return Files.readAllLines(status).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .map(l -> parse(l.substring(l.indexOf(':') + 1)))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no Cpus_allowed_list in " + status));
        } catch (NumberFormatException e) {
            throw new IOException("unreadable Cpus_allowed_list in " + status + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code 0-3,6}; blank gives the empty set. */
    public static CpuSet parse(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.trim().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                cpus.add(Integer.parseInt(part.trim()));
            } else {
                int from = Integer.parseInt(part.substring(0, dash).trim());
                int to = Integer.parseInt(part.substring(dash + 1).trim());
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            }
        }
        return new CpuSet(cpus);
    }

    public int size() {
        return cpus.size();
    }

    /** The first {@code n} CPUs. */
    public CpuSet first(int n) {
        return new CpuSet(cpus.subList(0, n));
    }

    /** All but the first {@code n} CPUs. */
    public CpuSet skip(int n) {
        return new CpuSet(cpus.subList(n, cpus.size()));
    }

    /** The list syntax, ranges folded: {@code [0,1,2,5]} gives {@code 0-2,5}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < cpus.size()) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(cpus.get(i));
            if (j > i) {
                out.append('-').append(cpus.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
