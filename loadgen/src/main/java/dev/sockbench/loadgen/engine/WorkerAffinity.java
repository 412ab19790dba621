package dev.sockbench.loadgen.engine;

import dev.sockbench.core.process.CpuSet;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Pins each worker thread to a CPU of its own ({@code --worker-cpus}), with Linux's {@code
 * sched_setaffinity(2)} through the FFM API, while the JVM's other threads stay where the process
 * was started. A polling worker keeps its CPU busy, so any other runnable thread of the process on
 * that CPU (a JIT compiler thread still compiling, the GC, the run thread's once-a-second
 * collection) is given a whole scheduler slice of it, milliseconds, and every request due
 * meanwhile leaves late: the send lag. The suite runner starts the generator on the server's CPUs
 * and pins its workers to the generator's own, so that nothing else of the generator ever runs
 * there. Set once per process, before the workers start.
 */
public final class WorkerAffinity {
    private static final int MASK_BYTES = 128; // 1,024 CPUs, the kernel's default cpu_set_t

    private static volatile CpuSet cpus = new CpuSet(List.of());

    private WorkerAffinity() {}

    /** The CPUs the workers take in turn (worker i: the i-th modulo their number); empty: not pinned. */
    public static void configure(CpuSet workerCpus) {
        cpus = workerCpus;
    }

    /** The workers' CPUs; empty when they are not pinned. */
    public static CpuSet cpus() {
        return cpus;
    }

    /**
     * Pins the calling thread to its CPU, when CPUs are configured.
     *
     * @throws IllegalStateException when the kernel refuses (the CPU is not in this process's
     *     cgroup, or there is no sched_setaffinity)
     */
    static void pinCurrentThread(int workerIndex) {
        CpuSet set = cpus;
        if (set.size() == 0) {
            return;
        }
        int cpu = set.cpus().get(workerIndex % set.size());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(MASK_BYTES);
            mask.set(ValueLayout.JAVA_BYTE, cpu / 8, (byte) (1 << (cpu % 8)));
            int rc = (int) SchedSetAffinity.HANDLE.invokeExact(0, (long) MASK_BYTES, mask);
            if (rc != 0) {
                throw new IllegalStateException("sched_setaffinity refused CPU " + cpu + " for worker " + workerIndex);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot pin worker " + workerIndex + " to CPU " + cpu + ": " + e, e);
        }
    }

    /** Looked up on first use only: a generator that pins nothing never links it. */
    private static final class SchedSetAffinity {
        static final MethodHandle HANDLE = Linker.nativeLinker()
                .downcallHandle(
                        Linker.nativeLinker()
                                .defaultLookup()
                                .find("sched_setaffinity")
                                .orElseThrow(() -> new IllegalStateException("no sched_setaffinity here")),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_LONG,
                                ValueLayout.ADDRESS));
    }
}
