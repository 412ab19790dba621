package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the load generator measured in one case, and whether it trusts it: the generator's report,
 * {@code load.json}, from which {@link CaseSummary#from} composes the case's {@code summary.json}
 * (adding the case, the model, the server's cost and the kernel's counters, which the generator
 * does not know). The blocks are the summary's, under the same names; see {@link CaseSummary}.
 *
 * @param format file format version, {@value ResultFiles#FORMAT}
 * @param valid false when the numbers must not be trusted; {@code invalidReasons} says why
 * @param invalidReasons one line per reason; empty when valid
 * @param load the load and what came back of it
 * @param latencyUs corrected and raw latency percentiles, µs
 * @param udp datagram accounting; null on stream transports
 * @param stream bulk throughput; null unless the shape is {@code stream}
 * @param idle the silent connections; null unless the shape is {@code idle}
 * @param sweep capacity and steps; null unless the shape is {@code sweep}
 * @param generator the generator's check on itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadReport(
        int format,
        boolean valid,
        List<String> invalidReasons,
        CaseLoad load,
        LatencyUs latencyUs,
        DatagramCounts udp,
        StreamThroughput stream,
        IdleConnections idle,
        SweepResult sweep,
        GeneratorCheck generator)
        implements MeasuredLoad {

    public LoadReport {
        invalidReasons = List.copyOf(invalidReasons);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fills a {@link LoadReport} by name, in the current format; blocks not set are absent. The
     * report is valid when it has no invalid reasons.
     */
    public static final class Builder {
        private List<String> invalidReasons = List.of();
        private CaseLoad load;
        private LatencyUs latencyUs;
        private DatagramCounts udp;
        private StreamThroughput stream;
        private IdleConnections idle;
        private SweepResult sweep;
        private GeneratorCheck generator;

        private Builder() {}

        /** Why the numbers must not be trusted; empty (the default) when they can be. */
        public Builder invalidReasons(List<String> value) {
            invalidReasons = value;
            return this;
        }

        public Builder load(CaseLoad value) {
            load = value;
            return this;
        }

        public Builder latencyUs(LatencyUs value) {
            latencyUs = value;
            return this;
        }

        public Builder udp(DatagramCounts value) {
            udp = value;
            return this;
        }

        public Builder stream(StreamThroughput value) {
            stream = value;
            return this;
        }

        public Builder idle(IdleConnections value) {
            idle = value;
            return this;
        }

        public Builder sweep(SweepResult value) {
            sweep = value;
            return this;
        }

        public Builder generator(GeneratorCheck value) {
            generator = value;
            return this;
        }

        public LoadReport build() {
            return new LoadReport(
                    ResultFiles.FORMAT,
                    invalidReasons.isEmpty(),
                    invalidReasons,
                    load,
                    latencyUs,
                    udp,
                    stream,
                    idle,
                    sweep,
                    generator);
        }
    }
}
