package dev.sockbench.loadgen.check;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this process has used, injectable so that the self-check can be tested with a
 * meter the test controls. Thread-safe.
 */
@FunctionalInterface
public interface CpuMeter {
    /**
     * User + system CPU time of the whole process, all threads, ns (the JVM's process CPU time).
     * The bean is looked up once: each lookup walks the platform's bean registry.
     */
    CpuMeter PROCESS = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            ::getProcessCpuTime;

    /** CPU time used so far, ns; only differences have meaning. */
    long cpuNs();
}
