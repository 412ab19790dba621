package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where a case ran when its processes were spread over a cluster's agents ({@code run --cluster}):
 * block {@code cluster} of {@code summary.json}. The case's own blocks are the merged result (the
 * parts' histograms added, their counts summed, valid only when every part is); this block keeps
 * every host and what each load part measured on its own.
 *
 * @param serverAgent the agent that ran the server
 * @param serverAddress the address the server listened on there
 * @param load one entry per load agent, in placement order
 */
public record ClusterRun(String serverAgent, String serverAddress, List<AgentPart> load) {
    public ClusterRun {
        load = List.copyOf(load);
    }

    /**
     * One load agent's part of a case.
     *
     * @param agent the agent's name
     * @param address the address it joined the cluster on
     * @param valid its generator's verdict on its own numbers
     * @param invalidReasons why not, one line each; empty when valid
     * @param connections its share of the case's connections
     * @param targetRatePerSec its share of the rate; null for closed shapes
     * @param achievedRatePerSec echoes it received per second of its measured interval
     * @param requests the measured requests it had answered
     * @param latencyUs its own corrected and raw latency
     * @param generator its self-check
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgentPart(
            String agent,
            String address,
            boolean valid,
            List<String> invalidReasons,
            int connections,
            Double targetRatePerSec,
            double achievedRatePerSec,
            long requests,
            LatencyUs latencyUs,
            GeneratorCheck generator) {
        public AgentPart {
            invalidReasons = List.copyOf(invalidReasons);
        }
    }
}
