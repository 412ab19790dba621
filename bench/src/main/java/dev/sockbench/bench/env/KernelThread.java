package dev.sockbench.bench.env;

import dev.sockbench.core.process.CpuSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The kernel threads that may be moved between CPUs, and moving them off some CPUs for a while.
 * Most kernel threads are bound to one CPU and refuse to move (per-CPU workers, soft interrupts);
 * the unbound ones (memory compaction, swap, the DAMON monitor {@code kdamond}, RCU's grace-period
 * thread) run wherever the scheduler puts them, the generator's polling CPU included, where each of
 * their turns is send lag. The suite runner moves them to the server's CPUs while cases run
 * ({@link Pinning#keepOffTheLoadgenCpus}); only root may.
 *
 * @param pid the thread's id
 * @param name its {@code comm}
 * @param cpus where it may run now
 */
public record KernelThread(long pid, String name, CpuSet cpus) {

    /** {@code PF_KTHREAD} in the flags of {@code /proc/PID/stat}: a kernel thread. */
    static final long PF_KTHREAD = 0x0020_0000;
    /** {@code PF_NO_SETAFFINITY}: the kernel refuses to move this thread. */
    static final long PF_NO_SETAFFINITY = 0x0400_0000;

    /**
     * The kernel threads under {@code proc} (a {@code /proc}) that may be moved; a process that ends
     * while it is read is left out.
     */
    public static List<KernelThread> movable(Path proc) throws IOException {
        List<KernelThread> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path dir : entries.toList()) {
                String pid = dir.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    KernelThread t = read(dir, Long.parseLong(pid));
                    if (t != null) {
                        found.add(t);
                    }
                } catch (IOException ended) {
                    // the process ended meanwhile
                }
            }
        }
        return found;
    }

    /** The thread in {@code dir} if it is a kernel thread that may be moved; else null. */
    private static KernelThread read(Path dir, long pid) throws IOException {
        String stat = Files.readString(dir.resolve("stat"));
        // comm may hold spaces and parentheses: the fields after it start after its last ')'
        int close = stat.lastIndexOf(')');
        String name = stat.substring(stat.indexOf('(') + 1, close);
        String[] after = stat.substring(close + 2).split(" ");
        long flags = Long.parseLong(after[6]); // field 9: state ppid pgrp session tty tpgid flags
        if ((flags & PF_KTHREAD) == 0 || (flags & PF_NO_SETAFFINITY) != 0) {
            return null;
        }
        return new KernelThread(pid, name, CpuSet.allowedIn(dir.resolve("status")));
    }

    /**
     * Moves every movable kernel thread that may run on {@code avoid} to its other CPUs (a thread
     * allowed only there stays), until the returned handle is closed; then each goes back where it
     * was. {@code setAffinity} runs one move ({@code taskset -p -c}); it returns null when it
     * worked, else why not.
     *
     * @param moved receives the names of the threads moved
     * @param refused receives the names of the threads that would not move (not root)
     */
    static AutoCloseable moveOff(
            List<KernelThread> threads,
            CpuSet avoid,
            Function<KernelThread, String> setAffinity,
            List<String> moved,
            List<String> refused) {
        List<KernelThread> back = new ArrayList<>();
        for (KernelThread t : threads) {
            List<Integer> rest = new ArrayList<>(t.cpus().cpus());
            rest.removeAll(avoid.cpus());
            if (rest.isEmpty() || rest.size() == t.cpus().size()) {
                continue;
            }
            if (setAffinity.apply(new KernelThread(t.pid(), t.name(), new CpuSet(rest))) == null) {
                back.add(t);
                moved.add(t.name());
            } else {
                refused.add(t.name());
            }
        }
        return () -> back.forEach(setAffinity::apply);
    }
}
