package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured case: the content of {@code cases/<case-id>/summary.json}. The load generator
 * writes the load part; the suite runner adds {@code caseId}, {@code model} and {@code server}.
 *
 * <p>Field names are a contract (readers outside sockbench use them); a new field may be added,
 * an existing one is never renamed. Units are in the names. Blocks that do not apply to a case
 * are left out of the file ({@code null} here).
 *
 * <p>Which requests count. Throughput ({@code achievedRatePerSec}) counts the echoes received
 * within the measured interval: what the server delivered in it. Latency, {@code requests} and the
 * fate of each request ({@code accounting}, errors, datagram accounting) follow the requests whose
 * <em>intended</em> send time lies in the interval (for closed shapes the intended time is the
 * actual one), to their end: a backlog still owed when the interval ends is sent late, and what is
 * in flight is waited for up to the timeout, so a slow tail is not cut off. The corrected latency
 * holds every such request but those that died with a broken connection: one never answered
 * (a lost datagram, a stream timeout never echoed, one never sent) enters it at the moment it was
 * given up, being at least that late; the raw latency holds the echoes only. In a steady state
 * both sets are the same but for the requests in flight at either end; when the server falls
 * behind, the latencies include the requests it finished late while the throughput does not.
 *
 * <h2>Blocks added by the load shapes (issue #4)</h2>
 *
 * <ul>
 *   <li>{@code depth}, {@code arrival}: requests in flight per connection, and the arrival
 *       process of open shapes ({@code constant} or {@code poisson});
 *   <li>{@code generator} ({@link GeneratorCheck}): the generator's check on itself — send lag
 *       versus schedule, busiest thread, CPU used and per request;
 *   <li>{@code udp} ({@link DatagramCounts}): sent, received, lost, late, duplicated and reordered
 *       requests on datagram transports (UDP and Unix datagram);
 *   <li>{@code stream} ({@link StreamThroughput}): bytes per second of the {@code stream} shape;
 *   <li>{@code idle} ({@link IdleConnections}): the silent connections of the {@code idle} shape;
 *   <li>{@code sweep} ({@link SweepResult}): capacity under the objective and every step of the
 *       {@code sweep} shape. For a sweep, the top-level rates and latencies are those of the
 *       capacity step (or of the first step when none was good).
 * </ul>
 *
 * @param format file format version, {@value ResultFiles#FORMAT}
 * @param caseId the case's folder name within the run; null when the generator ran alone
 * @param model the server model id; null when unknown (a third-party server)
 * @param transport transport id: {@code tcp}, {@code udp}, {@code unix-stream}, {@code unix-dgram}
 * @param framing {@code length} or {@code raw}
 * @param shape the load shape id, e.g. {@code closed}, {@code open}
 * @param connections active connections (or datagram peers)
 * @param payloadBytes payload size of each request, header included
 * @param durationSec the measured interval, seconds
 * @param warmupSec the discarded warm-up before it, seconds
 * @param targetRatePerSec the rate asked for (open shapes); null for closed shapes
 * @param achievedRatePerSec echoes received within the measured interval per second of it: the
 *     throughput the server delivered
 * @param requests measured requests answered (echoed and verified) within the timeout ({@code
 *     accounting.answered}); before the accounting block, echoes received within the interval
 * @param errors failures by kind in the measured interval ({@code connect} counts every failed
 *     connection attempt of the case; {@code timeout} is for stream transports, datagram requests
 *     without an echo are {@code udp.lost})
 * @param latencyUs corrected and raw latency percentiles, µs
 * @param valid false when the numbers must not be trusted; {@code invalidReasons} says why
 * @param invalidReasons one line per reason; empty when valid
 * @param server what it cost the server process; null when not measured
 * @param depth requests in flight per connection at most; null when not recorded
 * @param arrival arrival process of paced shapes, {@code constant} or {@code poisson}; null for
 *     closed shapes
 * @param generator the generator's self-check; null when not recorded
 * @param udp datagram accounting; null on stream transports
 * @param stream bulk throughput; null unless the shape is {@code stream}
 * @param idle the silent connections; null unless the shape is {@code idle}
 * @param sweep capacity and steps; null unless the shape is {@code sweep}
 * @param accounting the fate of every request intended in the measured interval; null in files
 *     from before it was recorded
 * @param catchUpFactor the open loop's catch-up bound ({@code --catch-up}); null when off (the
 *     default: every late request leaves as soon as its connection can take it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "format",
    "caseId",
    "model",
    "transport",
    "framing",
    "shape",
    "connections",
    "depth",
    "arrival",
    "payloadBytes",
    "durationSec",
    "warmupSec",
    "targetRatePerSec",
    "achievedRatePerSec",
    "requests",
    "errors",
    "latencyUs",
    "udp",
    "stream",
    "idle",
    "sweep",
    "accounting",
    "catchUpFactor",
    "generator",
    "valid",
    "invalidReasons",
    "server"
})
public record CaseSummary(
        int format,
        String caseId,
        String model,
        String transport,
        String framing,
        String shape,
        int connections,
        int payloadBytes,
        double durationSec,
        double warmupSec,
        Double targetRatePerSec,
        double achievedRatePerSec,
        long requests,
        ErrorCounts errors,
        LatencyUs latencyUs,
        boolean valid,
        List<String> invalidReasons,
        ServerCost server,
        Integer depth,
        String arrival,
        GeneratorCheck generator,
        DatagramCounts udp,
        StreamThroughput stream,
        IdleConnections idle,
        SweepResult sweep,
        RequestAccounting accounting,
        Double catchUpFactor) {

    public CaseSummary {
        invalidReasons = List.copyOf(invalidReasons);
    }

    /** A summary without the blocks of issue #4 (the foundation's fields only). */
    public CaseSummary(
            int format,
            String caseId,
            String model,
            String transport,
            String framing,
            String shape,
            int connections,
            int payloadBytes,
            double durationSec,
            double warmupSec,
            Double targetRatePerSec,
            double achievedRatePerSec,
            long requests,
            ErrorCounts errors,
            LatencyUs latencyUs,
            boolean valid,
            List<String> invalidReasons,
            ServerCost server) {
        this(
                format,
                caseId,
                model,
                transport,
                framing,
                shape,
                connections,
                payloadBytes,
                durationSec,
                warmupSec,
                targetRatePerSec,
                achievedRatePerSec,
                requests,
                errors,
                latencyUs,
                valid,
                invalidReasons,
                server,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * The requests completed over the whole measured interval: {@code requests}, or for a sweep the
     * sum of its steps' {@code requests} (its top-level {@code requests} are the capacity step's
     * only, while the interval spans every step). The server's cost per request is divided by this.
     */
    public long measuredIntervalRequests() {
        return sweep == null
                ? requests
                : sweep.steps().stream()
                        .mapToLong(SweepResult.SweepStep::requests)
                        .sum();
    }

    /** The same summary labelled with the case and the model that served it. */
    public CaseSummary withCase(String newCaseId, String newModel) {
        return new CaseSummary(
                format,
                newCaseId,
                newModel,
                transport,
                framing,
                shape,
                connections,
                payloadBytes,
                durationSec,
                warmupSec,
                targetRatePerSec,
                achievedRatePerSec,
                requests,
                errors,
                latencyUs,
                valid,
                invalidReasons,
                server,
                depth,
                arrival,
                generator,
                udp,
                stream,
                idle,
                sweep,
                accounting,
                catchUpFactor);
    }

    /** The same summary with the server's cost attached. */
    public CaseSummary withServer(ServerCost newServer) {
        return new CaseSummary(
                format,
                caseId,
                model,
                transport,
                framing,
                shape,
                connections,
                payloadBytes,
                durationSec,
                warmupSec,
                targetRatePerSec,
                achievedRatePerSec,
                requests,
                errors,
                latencyUs,
                valid,
                invalidReasons,
                newServer,
                depth,
                arrival,
                generator,
                udp,
                stream,
                idle,
                sweep,
                accounting,
                catchUpFactor);
    }

    /** The same summary marked invalid for one more reason. */
    public CaseSummary withInvalidReason(String reason) {
        List<String> reasons = new ArrayList<>(invalidReasons);
        reasons.add(reason);
        return new CaseSummary(
                format,
                caseId,
                model,
                transport,
                framing,
                shape,
                connections,
                payloadBytes,
                durationSec,
                warmupSec,
                targetRatePerSec,
                achievedRatePerSec,
                requests,
                errors,
                latencyUs,
                false,
                reasons,
                server,
                depth,
                arrival,
                generator,
                udp,
                stream,
                idle,
                sweep,
                accounting,
                catchUpFactor);
    }

    /** The same summary with the load generator's blocks set (any may be null). */
    public CaseSummary withLoadBlocks(
            Integer newDepth,
            String newArrival,
            GeneratorCheck newGenerator,
            DatagramCounts newUdp,
            StreamThroughput newStream,
            IdleConnections newIdle,
            SweepResult newSweep) {
        return new CaseSummary(
                format,
                caseId,
                model,
                transport,
                framing,
                shape,
                connections,
                payloadBytes,
                durationSec,
                warmupSec,
                targetRatePerSec,
                achievedRatePerSec,
                requests,
                errors,
                latencyUs,
                valid,
                invalidReasons,
                server,
                newDepth,
                newArrival,
                newGenerator,
                newUdp,
                newStream,
                newIdle,
                newSweep,
                accounting,
                catchUpFactor);
    }

    /** The same summary with the request accounting and the catch-up bound set. */
    public CaseSummary withAccounting(RequestAccounting newAccounting, Double newCatchUpFactor) {
        return new CaseSummary(
                format,
                caseId,
                model,
                transport,
                framing,
                shape,
                connections,
                payloadBytes,
                durationSec,
                warmupSec,
                targetRatePerSec,
                achievedRatePerSec,
                requests,
                errors,
                latencyUs,
                valid,
                invalidReasons,
                server,
                depth,
                arrival,
                generator,
                udp,
                stream,
                idle,
                sweep,
                newAccounting,
                newCatchUpFactor);
    }
}
