package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
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
     * @param status {@code measured}, {@code skipped} (the cell is n/a or unavailable here),
     *     {@code failed} (the server or generator did not run to the end, or the run was
     *     interrupted during it) or {@code pending} (not run yet: the run is in progress or was
     *     interrupted before it)
     * @param valid whether the measured numbers can be trusted; false unless measured
     * @param reasons why skipped, failed or invalid; empty otherwise
     */
    public record CaseEntry(
            String caseId,
            String model,
            String transport,
            String shape,
            String status,
            boolean valid,
            List<String> reasons) {}
}
