package dev.sockbench.bench.env;

import dev.sockbench.core.process.CpuSet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the kernel runs its unbound work: dirty-page writeback ({@code wb_workfn}), ext4's I/O
 * completions and the like, done by {@code kworker/u*} threads that refuse to be moved one by one
 * ({@link KernelThread}) but follow one CPU mask, {@code /sys/devices/virtual/workqueue/cpumask}
 * (hexadecimal). On the machine this was written on, writeback of the run's own result files took
 * the generator's CPU for up to 125 ms every 5 s. {@link #keepOff} narrows the mask to the other
 * CPUs while cases run; only root may.
 */
public final class UnboundWorkqueues {
    /** The kernel's mask of the CPUs unbound workqueues may use. */
    public static final Path CPUMASK = Path.of("/sys/devices/virtual/workqueue/cpumask");

    private UnboundWorkqueues() {}

    /**
     * Removes {@code avoid} from the mask in {@code cpumask} until the returned handle is closed,
     * which writes the mask back as it was.
     *
     * @return the undo, and what was done for the run's pinning note ("" when nothing was: no such
     *     file, or the mask had nothing else left)
     */
    public static Pinning.Clearing keepOff(Path cpumask, CpuSet avoid) {
        String before;
        try {
            before = Files.readString(cpumask).strip();
        } catch (IOException absent) {
            return new Pinning.Clearing(() -> {}, "");
        }
        BigInteger mask = new BigInteger(before.replace(",", ""), 16);
        BigInteger narrowed = mask;
        for (int cpu : avoid.cpus()) {
            narrowed = narrowed.clearBit(cpu);
        }
        if (narrowed.equals(mask) || narrowed.signum() == 0) {
            return new Pinning.Clearing(() -> {}, "");
        }
        try {
            Files.writeString(cpumask, narrowed.toString(16));
        } catch (IOException refused) {
            return new Pinning.Clearing(
                    () -> {}, "; unbound kernel work (writeback) may run on CPU " + avoid + " (moving it needs root)");
        }
        return new Pinning.Clearing(
                () -> Files.writeString(cpumask, before), "; unbound kernel work (writeback) kept off CPU " + avoid);
    }
}
