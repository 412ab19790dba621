package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sockbench.core.cli.Identified;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a suite: the content of {@code results/<run-id>/run.json}. Each case's numbers are
 * in its own {@code cases/<case-id>/summary.json}; this file lists the cases and their outcome.
 *
 * @param format file format version, {@value ResultFiles#FORMAT}
 * @param runId the run's folder name, e.g. {@code 2026-11-29T10-34-03-quick}
 * @param suite the suite's name
 * @param startedAt ISO-8601 instant
 * @param finishedAt ISO-8601 instant; null while the run is in progress
 * @param environment where it ran
 * @param cases every case of the suite, in order, measured or not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(
        int format,
        String runId,
        String suite,
        String startedAt,
        String finishedAt,
        Environment environment,
        List<CaseEntry> cases) {

    /**
     * One case as the run saw it.
     *
     * @param caseId folder name under {@code cases/}
     * @param model server model id
     * @param transport transport id
     * @param shape load shape id
     * @param status measured, skipped, failed or pending
     * @param valid whether the measured numbers can be trusted; false unless measured
     * @param reasons why skipped, failed or invalid; empty otherwise
     */
    public record CaseEntry(
            String caseId,
            String model,
            String transport,
            String shape,
            CaseStatus status,
            boolean valid,
            List<String> reasons) {

        /**
         * Reads an entry from JSON. A status this sockbench does not know (a later version's) reads
         * as failed, with a first reason that says so, so that a report still shows every other case.
         */
        @JsonCreator
        static CaseEntry read(
                @JsonProperty("caseId") String caseId,
                @JsonProperty("model") String model,
                @JsonProperty("transport") String transport,
                @JsonProperty("shape") String shape,
                @JsonProperty("status") String status,
                @JsonProperty("valid") boolean valid,
                @JsonProperty("reasons") List<String> reasons) {
            try {
                return new CaseEntry(
                        caseId,
                        model,
                        transport,
                        shape,
                        Identified.byId(CaseStatus.class, "status", status),
                        valid,
                        reasons);
            } catch (IllegalArgumentException unknown) {
                List<String> why = new ArrayList<>();
                why.add("run.json gives the status '" + status + "', which this sockbench does not know");
                if (reasons != null) {
                    why.addAll(reasons);
                }
                return new CaseEntry(caseId, model, transport, shape, CaseStatus.FAILED, false, why);
            }
        }
    }
}
