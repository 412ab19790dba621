package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One measured case: the content of {@code cases/<case-id>/summary.json}. The load generator
 * writes the load part; the suite runner adds {@code caseId}, {@code model} and {@code server}.
 *
 * <p>Field names are a contract (readers outside sockbench use them); a new field may be added,
 * an existing one is never renamed. Units are in the names. Blocks that do not apply to a case
 * are left out of the file ({@code null} here).
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
 * @param achievedRatePerSec completed requests per second over the measured interval
 * @param requests completed (echoed and verified) requests in the measured interval
 * @param errors failures by kind in the measured interval
 * @param latencyUs corrected and raw latency percentiles, µs
 * @param valid false when the numbers must not be trusted; {@code invalidReasons} says why
 * @param invalidReasons one line per reason; empty when valid
 * @param server what it cost the server process; null when not measured
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
    "payloadBytes",
    "durationSec",
    "warmupSec",
    "targetRatePerSec",
    "achievedRatePerSec",
    "requests",
    "errors",
    "latencyUs",
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
        ServerCost server) {

    public CaseSummary {
        invalidReasons = List.copyOf(invalidReasons);
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
                server);
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
                newServer);
    }

    /** The same summary marked invalid for one more reason. */
    public CaseSummary withInvalidReason(String reason) {
        List<String> reasons = new java.util.ArrayList<>(invalidReasons);
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
                server);
    }
}
