package dev.sockbench.bench.env;

import dev.sockbench.core.process.CpuSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where the server and the load generator run: each on its own CPUs when the machine has at
 * least two and {@code taskset} works, so neither steals the other's cycles; otherwise both
 * unpinned, with the reason. Immutable.
 *
 * <p>The load generator gets the lower CPU ids and, on an odd count, the extra CPU: it does more
 * work per request than an echo server (pacing, verifying, recording), and it must never be the
 * bottleneck. On a 2-CPU machine that is the load generator on CPU 0 and the server on CPU 1.
 *
 * @param server the server's CPUs; null when unpinned
 * @param loadgen the load generator's CPUs; null when unpinned
 * @param note one line saying which role runs where, or why nothing is pinned
 */
public record Pinning(CpuSet server, CpuSet loadgen, String note) {

    /** The process a CPU set is for. */
    public enum Role {
        SERVER("server"),
        LOADGEN("loadgen");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Both roles unpinned, because of {@code reason}. */
    public static Pinning unpinned(String reason) {
        return new Pinning(null, null, "not pinned: " + reason);
    }

    /**
     * Splits {@code allowed} between the roles.
     *
     * @param tasksetProblem null when {@code taskset} is present and works; otherwise why not
     */
    public static Pinning plan(CpuSet allowed, String tasksetProblem) {
        if (allowed.size() < 2) {
            return unpinned("only " + allowed.size() + " CPU available, server and load generator share it");
        }
        if (tasksetProblem != null) {
            return unpinned(tasksetProblem);
        }
        int loadgenCount = (allowed.size() + 1) / 2;
        CpuSet loadgen = allowed.first(loadgenCount);
        CpuSet server = allowed.skip(loadgenCount);
        return new Pinning(
                server, loadgen, "server on CPU " + server + ", load generator on CPU " + loadgen + " (taskset)");
    }

    /** Plans the pinning for this machine: the CPUs this process may use, and a working taskset. */
    public static Pinning detect() {
        CpuSet allowed;
        try {
            allowed = CpuSet.allowedForThisProcess();
        } catch (IOException e) {
            return unpinned("cannot read the allowed CPUs from /proc/self/status (" + e.getMessage() + ")");
        }
        if (allowed.size() < 2) {
            return plan(allowed, null);
        }
        return plan(allowed, tasksetProblem(allowed.skip(allowed.size() - 1)));
    }

    /** True when the roles run on their own CPUs. */
    public boolean pinned() {
        return server != null;
    }

    /** The words to put before a role's command: {@code taskset -c CPUS}, or nothing. */
    public List<String> commandPrefix(Role role) {
        if (!pinned()) {
            return List.of();
        }
        CpuSet cpus = role == Role.SERVER ? server : loadgen;
        return List.of("taskset", "-c", cpus.toString());
    }

    /** Role id to CPU list, for {@code run.json}; empty when unpinned. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (pinned()) {
            map.put(Role.SERVER.id(), server.toString());
            map.put(Role.LOADGEN.id(), loadgen.toString());
        }
        return map;
    }

    /**
     * What {@link #keepOffTheLoadgenCpus} did: closing it undoes it.
     *
     * @param note what was moved, to append to the run's pinning note; empty when nothing was
     */
    public record Clearing(AutoCloseable undo, String note) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            undo.close();
        }
    }

    /**
     * Keeps the generator's CPUs to the generator while cases run, until the returned handle is
     * closed. The generator's workers poll on their own CPUs, and any other runnable thread there
     * takes a scheduler slice from them: send lag. So every thread of this JVM (the suite runner:
     * reading the generator's lines, sampling {@code /proc}) moves to the server's CPUs, and so do
     * the kernel threads that may be moved ({@link KernelThread}; as root only) — on the machine
     * this was written on, the DAMON monitor {@code kdamond.0} took a CPU for 1–1.3 ms every 512 ms
     * — and the kernel's unbound work, writeback among it ({@link UnboundWorkqueues}; root only).
     * On close, all go back. Threads the JVM starts later inherit the affinity of the thread that
     * starts them; children are pinned by their own {@code taskset} prefix. Nothing happens when
     * unpinned; when {@code taskset} fails for the runner, {@code warn} gets one line.
     */
    public Clearing keepOffTheLoadgenCpus(Consumer<String> warn) {
        if (!pinned()) {
            return new Clearing(() -> {}, "");
        }
        List<Integer> both = new ArrayList<>(server.cpus());
        both.addAll(loadgen.cpus());
        CpuSet all = new CpuSet(both);
        String problem = moveThisProcess(server);
        AutoCloseable runnerBack = () -> moveThisProcess(all);
        if (problem != null) {
            warn.accept("sockbench: warning: the runner stays on every CPU: " + problem);
            runnerBack = () -> {};
        }
        List<String> moved = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        AutoCloseable kernelBack;
        try {
            kernelBack = KernelThread.moveOff(
                    KernelThread.movable(Path.of("/proc")),
                    loadgen,
                    t -> taskset(List.of("taskset", "-p", "-c", t.cpus().toString(), Long.toString(t.pid()))),
                    moved,
                    refused);
        } catch (IOException e) {
            kernelBack = () -> {};
        }
        String note = "";
        if (!moved.isEmpty()) {
            note += "; while cases run, " + moved.size() + " kernel threads kept off CPU " + loadgen + " ("
                    + String.join(", ", moved) + ")";
        }
        if (!refused.isEmpty()) {
            note += "; " + refused.size() + " kernel threads may run on CPU " + loadgen
                    + " (moving them off needs root)";
        }
        Clearing workqueues = UnboundWorkqueues.keepOff(UnboundWorkqueues.CPUMASK, loadgen);
        note += workqueues.note();
        AutoCloseable runner = runnerBack;
        AutoCloseable kernel = kernelBack;
        return new Clearing(
                () -> {
                    workqueues.close();
                    kernel.close();
                    runner.close();
                },
                note);
    }

    /** This pinning with {@code more} appended to its note. */
    public Pinning noting(String more) {
        return new Pinning(server, loadgen, note + more);
    }

    /** {@code taskset -a -p -c CPUS PID} on this process; null when it worked, else why not. */
    private static String moveThisProcess(CpuSet cpus) {
        return taskset(List.of(
                "taskset",
                "-a",
                "-p",
                "-c",
                cpus.toString(),
                Long.toString(ProcessHandle.current().pid())));
    }

    /** Null when {@code taskset -c CPUS true} succeeds; otherwise why it cannot pin. */
    private static String tasksetProblem(CpuSet probe) {
        return taskset(List.of("taskset", "-c", probe.toString(), "true"));
    }

    /** Runs a {@code taskset} command line; null when it exits 0, else why it failed. */
    private static String taskset(List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "taskset did not answer";
            }
            return p.exitValue() == 0 ? null : "taskset cannot set the CPU affinity here (exit " + p.exitValue() + ")";
        } catch (IOException e) {
            return "taskset not found (install util-linux to pin server and load generator)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing taskset";
        }
    }
}
