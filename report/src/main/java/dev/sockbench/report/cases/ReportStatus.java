package dev.sockbench.report.cases;

import dev.sockbench.core.result.CaseStatus;

/**
 * What a report can say about one case of a run: run.json's {@link CaseStatus}, with measured split
 * into valid and invalid, and unreadable for a measured case whose files cannot be read.
 */
public enum ReportStatus {
    /** Measured, and the numbers can be trusted. */
    VALID("valid"),
    /** Measured, but the numbers must not be trusted; the reasons say why. */
    INVALID("invalid"),
    /** Not run: the model cannot serve the transport here (n/a or unavailable). */
    SKIPPED(CaseStatus.SKIPPED.id()),
    /** The server or the load generator did not run to the end. */
    FAILED(CaseStatus.FAILED.id()),
    /** Not run yet: the run is in progress, or was interrupted before this case. */
    PENDING(CaseStatus.PENDING.id()),
    /**
     * Reported as measured, but its summary.json is missing or cannot be read (cut short, of a newer
     * format), or its latency.hlog is damaged.
     */
    UNREADABLE("unreadable");

    private final String id;

    ReportStatus(String id) {
        this.id = id;
    }

    /** The lower-case id used in the exports. */
    public String id() {
        return id;
    }

    /** True when the case has numbers to show (valid or not). */
    public boolean measured() {
        return this == VALID || this == INVALID;
    }
}
