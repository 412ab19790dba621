package dev.sockbench.loadgen.check;

/**
 * The CPU time this process has used, and the time its CPUs were taken from it by the host,
 * injectable so that the self-check can be tested with a meter the test controls. Thread-safe.
 */
@FunctionalInterface
public interface CpuMeter {
    /** {@link #stealNs} of a meter that cannot tell. */
    long UNKNOWN = -1;

    /** This process's CPU time and its CPUs' steal time. */
    CpuMeter PROCESS = new ProcessCpuMeter();

    /** CPU time used so far, ns; only differences have meaning. */
    long cpuNs();

    /**
     * Steal time so far of the CPUs this process may run on, ns: time a hypervisor ran something
     * else while those CPUs had work ({@code /proc/stat}). Only differences have meaning; {@link
     * #UNKNOWN} when not known (this meter's default).
     */
    default long stealNs() {
        return UNKNOWN;
    }
}
