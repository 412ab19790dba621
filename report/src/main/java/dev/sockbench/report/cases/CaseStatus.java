package dev.sockbench.report.cases;

/** What a report can say about one case of a run. */
public enum CaseStatus {
    /** Measured, and the numbers can be trusted. */
    VALID("valid"),
    /** Measured, but the numbers must not be trusted; the reasons say why. */
    INVALID("invalid"),
    /** Not run: the model cannot serve the transport here (n/a or unavailable). */
    SKIPPED("skipped"),
    /** The server or the load generator did not run to the end. */
    FAILED("failed"),
    /** Not run yet: the run is in progress, or was interrupted before this case. */
    PENDING("pending"),
    /** Reported as measured, but its summary.json is missing or cannot be read. */
    UNREADABLE("unreadable");

    private final String id;

    CaseStatus(String id) {
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
