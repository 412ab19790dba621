package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One measured case: the content of {@code cases/<case-id>/summary.json}. Composed once, by
 * {@link #from}: the load generator's {@link LoadReport} plus what only the harness knows (the
 * case, the model, the server's cost, the kernel's counters). In a suite the harness writes it;
 * a generator run alone ({@code loadgen --json}) writes it without case, cost and counters, the
 * model taken from {@code --label}.
 *
 * <p>Field names are a contract (readers outside sockbench use them); a new field may be added,
 * an existing one is never renamed. Units are in the names. Blocks that do not apply to a case
 * are left out of the file ({@code null} here).
 *
 * <p>Which requests count. Throughput ({@code load.achievedRatePerSec}) counts the echoes received
 * within the measured interval: what the server delivered in it. Latency, {@code load.requests} and
 * the fate of each request ({@code load.accounting}, errors, datagram accounting) follow the
 * requests whose <em>intended</em> send time lies in the interval (for closed shapes the intended
 * time is the actual one), to their end: a backlog still owed when the interval ends is sent late,
 * and what is in flight is waited for up to the timeout, so a slow tail is not cut off. The
 * corrected latency holds every such request but those that died with a broken connection: one
 * never answered (a lost datagram, a stream timeout never echoed, one never sent) enters it at the
 * moment it was given up, being at least that late; the raw latency holds the echoes only. In a
 * steady state both sets are the same but for the requests in flight at either end; when the
 * server falls behind, the latencies include the requests it finished late while the throughput
 * does not.
 *
 * <h2>Format 2</h2>
 *
 * <pre>
 * format, caseId, model, valid, invalidReasons
 * load       {@link CaseLoad}: transport, framing, shape, connections, depth, arrival,
 *            payloadBytes, durationSec, warmupSec, targetRatePerSec, catchUpFactor,
 *            achievedRatePerSec, requests, accounting, errors
 * latencyUs  {@link LatencyUs}: corrected, raw
 * udp        {@link DatagramCounts}       datagram transports only
 * stream     {@link StreamThroughput}     shape stream only
 * idle       {@link IdleConnections}      shape idle only
 * sweep      {@link SweepResult}          shape sweep only
 * generator  {@link GeneratorCheck}
 * server     {@link ServerCost}           when the harness measured the server
 * kernel     {@link KernelCounters}       when the harness read them
 * trials     {@link TrialStats}           when the case ran several times (--trials)
 * cluster    {@link ClusterRun}           when the case ran across a cluster's agents (run --cluster)
 * </pre>
 *
 * <p>A case run several times has one folder per trial, {@code cases/<case-id>/trial-<k>/}, each
 * with its own summary (no {@code trials} block); the case's own {@code summary.json} and {@code
 * latency.hlog} are those of its representative trial ({@link TrialStats#representativeTrial}),
 * with the {@code trials} block added.
 *
 * <h2>From format 1</h2>
 *
 * Format 1 had the same fields under the same names, flat. A format-1 file is read as its format-2
 * equivalent ({@code format} 2): the fields of {@link CaseLoad} (listed above) move from the top
 * level into {@code load}, and {@code server.kernel} moves to the top-level {@code kernel}.
 * Everything else ({@code caseId}, {@code model}, {@code valid}, {@code invalidReasons}, {@code
 * latencyUs}, {@code udp}, {@code stream}, {@code idle}, {@code sweep}, {@code generator}, the
 * rest of {@code server}) stays where it was. Format 1 had the model and the case only when the
 * harness had rewritten the generator's file, and dropped the kernel's counters when the server's
 * cost was not measured.
 *
 * @param format file format version, {@value ResultFiles#FORMAT}
 * @param caseId the case's folder name within the run; null when the generator ran alone
 * @param model the server model id; null when unknown (a generator run alone without {@code
 *     --label})
 * @param valid false when the numbers must not be trusted; {@code invalidReasons} says why
 * @param invalidReasons one line per reason; empty when valid
 * @param load the load and what came back of it
 * @param latencyUs corrected and raw latency percentiles, µs. For a sweep, the capacity step's (or
 *     the first step's when none was good), as are the rates and requests in {@code load}
 * @param udp datagram accounting; null on stream transports
 * @param stream bulk throughput; null unless the shape is {@code stream}
 * @param idle the silent connections; null unless the shape is {@code idle}
 * @param sweep capacity under the objective and every step; null unless the shape is {@code sweep}
 * @param generator the generator's self-check (send lag versus schedule, busiest thread, CPU used
 *     and per request); null in files from before it was recorded
 * @param server what it cost the server process; null when not measured
 * @param kernel the kernel's drop counters over the whole case; null when not read
 * @param trials the statistics over the case's trials; null when it ran once
 * @param cluster the hosts of a case run across a cluster and each load agent's part; null when
 *     it ran on one machine
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseSummary(
        int format,
        String caseId,
        String model,
        boolean valid,
        List<String> invalidReasons,
        CaseLoad load,
        LatencyUs latencyUs,
        DatagramCounts udp,
        StreamThroughput stream,
        IdleConnections idle,
        SweepResult sweep,
        GeneratorCheck generator,
        ServerCost server,
        KernelCounters kernel,
        TrialStats trials,
        ClusterRun cluster)
        implements MeasuredLoad {

    public CaseSummary {
        invalidReasons = List.copyOf(invalidReasons);
    }

    /** This summary with the statistics of its case's trials. */
    public CaseSummary withTrials(TrialStats value) {
        return new CaseSummary(
                format,
                caseId,
                model,
                valid,
                invalidReasons,
                load,
                latencyUs,
                udp,
                stream,
                idle,
                sweep,
                generator,
                server,
                kernel,
                value,
                cluster);
    }

    /**
     * Starts the summary of the case the generator reported: its validity and blocks as reported,
     * no case, model, server cost or kernel counters until set.
     */
    public static Builder from(LoadReport report) {
        return new Builder(report);
    }

    /** Composes a {@link CaseSummary}: the generator's report plus what the harness adds. */
    public static final class Builder {
        private final LoadReport report;
        private String caseId;
        private String model;
        private ServerCost server;
        private KernelCounters kernel;
        private ClusterRun cluster;

        private Builder(LoadReport report) {
            this.report = report;
        }

        /** The case's folder name within its run. */
        public Builder caseId(String value) {
            caseId = value;
            return this;
        }

        /** The server model id (or the label of a generator run alone). */
        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder server(ServerCost value) {
            server = value;
            return this;
        }

        public Builder kernel(KernelCounters value) {
            kernel = value;
            return this;
        }

        /** Where the case's processes ran, when across a cluster. */
        public Builder cluster(ClusterRun value) {
            cluster = value;
            return this;
        }

        public CaseSummary build() {
            return new CaseSummary(
                    ResultFiles.FORMAT,
                    caseId,
                    model,
                    report.valid(),
                    report.invalidReasons(),
                    report.load(),
                    report.latencyUs(),
                    report.udp(),
                    report.stream(),
                    report.idle(),
                    report.sweep(),
                    report.generator(),
                    server,
                    kernel,
                    null,
                    cluster);
        }
    }
}
