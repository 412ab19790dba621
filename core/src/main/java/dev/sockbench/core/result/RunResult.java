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
     * @param status measured, skipped, failed or pending; for a case run several times, pending
     *     until every trial has ended and the case's statistics are written, then measured when at
     *     least one trial was
     * @param valid whether the measured numbers can be trusted; false unless measured (and, with
     *     trials, unless every trial was measured and valid)
     * @param reasons why skipped, failed or invalid; empty otherwise. With trials, each trial's
     *     reason prefixed {@code trial <k>: }
     * @param trials each trial's outcome, in trial order; null when the case runs once
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseEntry(
            String caseId,
            String model,
            String transport,
            String shape,
            CaseStatus status,
            boolean valid,
            List<String> reasons,
            List<TrialEntry> trials) {

        /** The reason of a case (or trial) that was running when the run was interrupted. */
        public static final String INTERRUPTED = "interrupted";

        public CaseEntry {
            trials = trials == null ? null : List.copyOf(trials);
        }

        /** An entry of a case that runs once. */
        public CaseEntry(
                String caseId,
                String model,
                String transport,
                String shape,
                CaseStatus status,
                boolean valid,
                List<String> reasons) {
            this(caseId, model, transport, shape, status, valid, reasons, null);
        }

        /** This entry with another outcome (status, validity, reasons) and the same trials. */
        public CaseEntry with(CaseStatus newStatus, boolean newValid, List<String> newReasons) {
            return new CaseEntry(caseId, model, transport, shape, newStatus, newValid, newReasons, trials);
        }

        /** This entry with its trials' outcomes replaced. */
        public CaseEntry withTrials(List<TrialEntry> newTrials) {
            return new CaseEntry(caseId, model, transport, shape, status, valid, reasons, newTrials);
        }

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
                @JsonProperty("reasons") List<String> reasons,
                @JsonProperty("trials") List<TrialEntry> trials) {
            Status known = Status.read(status, reasons);
            return new CaseEntry(
                    caseId,
                    model,
                    transport,
                    shape,
                    known.status(),
                    valid && known.recognized(),
                    known.reasons(),
                    trials);
        }
    }

    /**
     * One trial of a case run several times; its files are in {@code cases/<case-id>/trial-<k>/}.
     *
     * @param trial its number, from 1
     * @param status measured, failed or pending
     * @param valid whether its numbers can be trusted; false unless measured
     * @param reasons why failed or invalid; empty otherwise
     */
    public record TrialEntry(int trial, CaseStatus status, boolean valid, List<String> reasons) {
        public TrialEntry {
            reasons = List.copyOf(reasons);
        }

        /** The trial's folder name within its case's folder. */
        public static String folder(int trial) {
            return "trial-" + trial;
        }

        @JsonCreator
        static TrialEntry read(
                @JsonProperty("trial") int trial,
                @JsonProperty("status") String status,
                @JsonProperty("valid") boolean valid,
                @JsonProperty("reasons") List<String> reasons) {
            Status known = Status.read(status, reasons);
            return new TrialEntry(trial, known.status(), valid && known.recognized(), known.reasons());
        }
    }

    /** A status as read: one this sockbench does not know reads as failed (not valid), saying so first. */
    private record Status(CaseStatus status, List<String> reasons, boolean recognized) {
        static Status read(String status, List<String> reasons) {
            List<String> given = reasons == null ? List.of() : reasons;
            try {
                return new Status(Identified.byId(CaseStatus.class, "status", status), given, true);
            } catch (IllegalArgumentException unknown) {
                List<String> why = new ArrayList<>();
                why.add("run.json gives the status '" + status + "', which this sockbench does not know");
                why.addAll(given);
                return new Status(CaseStatus.FAILED, why, false);
            }
        }
    }
}
