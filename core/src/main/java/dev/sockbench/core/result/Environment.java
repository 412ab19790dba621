package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The machine and software a run was measured on; a number without this is not reproducible.
 *
 * @param sockbenchVersion the build's version
 * @param gitSha the commit the build came from, or {@code unknown}
 * @param jdk {@code java.vendor} and {@code java.runtime.version}
 * @param jvmFlags the flags every sockbench JVM of the run started with
 * @param loadgenJvmFlags the flags the load generator's JVM added to them for paced shapes (open,
 *     sweep, idle); null when not recorded
 * @param os {@code os.name} and {@code os.arch}
 * @param kernel the kernel release ({@code uname -r})
 * @param cpuModel the CPU model name from {@code /proc/cpuinfo}
 * @param cpus online CPUs
 * @param memoryBytes physical memory; null when unknown
 * @param hostname the host's name
 * @param pinning role (server, loadgen) to the CPU list it was pinned to; empty when not pinned
 * @param pinningNote one line on the pinning: which role ran where, or why nothing was pinned
 * @param hosts a run across a cluster: each agent's host, its environment as it captured it (the
 *     fields above are the controller's); null for a run on one machine
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Environment(
        String sockbenchVersion,
        String gitSha,
        String jdk,
        List<String> jvmFlags,
        List<String> loadgenJvmFlags,
        String os,
        String kernel,
        String cpuModel,
        int cpus,
        Long memoryBytes,
        String hostname,
        Map<String, String> pinning,
        String pinningNote,
        List<Host> hosts) {

    /** The environment of a run on one machine (no {@link #hosts}). */
    public Environment(
            String sockbenchVersion,
            String gitSha,
            String jdk,
            List<String> jvmFlags,
            List<String> loadgenJvmFlags,
            String os,
            String kernel,
            String cpuModel,
            int cpus,
            Long memoryBytes,
            String hostname,
            Map<String, String> pinning,
            String pinningNote) {
        this(
                sockbenchVersion,
                gitSha,
                jdk,
                jvmFlags,
                loadgenJvmFlags,
                os,
                kernel,
                cpuModel,
                cpus,
                memoryBytes,
                hostname,
                pinning,
                pinningNote,
                null);
    }

    /** This environment with the hosts of a run across a cluster. */
    public Environment withHosts(List<Host> value) {
        return new Environment(
                sockbenchVersion,
                gitSha,
                jdk,
                jvmFlags,
                loadgenJvmFlags,
                os,
                kernel,
                cpuModel,
                cpus,
                memoryBytes,
                hostname,
                pinning,
                pinningNote,
                List.copyOf(value));
    }

    /**
     * One agent of a run across a cluster.
     *
     * @param agent its name, as placements call it
     * @param address the address it joined the cluster on
     * @param environment its host as it captured it
     */
    public record Host(String agent, String address, Environment environment) {}
}
