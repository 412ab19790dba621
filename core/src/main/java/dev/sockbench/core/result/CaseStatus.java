package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.sockbench.core.cli.Identified;

/**
 * What became of one case of a run, as {@code run.json} says it; written as its lower-case id. A
 * case interrupted while it ran is {@link #FAILED}, with the reason {@code interrupted}.
 */
public enum CaseStatus implements Identified {
    /** It ran to its end; its summary.json holds the numbers, valid or not. */
    MEASURED("measured"),
    /** Not run: the cell is n/a or unavailable here. */
    SKIPPED("skipped"),
    /** The server or the load generator did not run to the end, or the run was interrupted during it. */
    FAILED("failed"),
    /** Not run yet: the run is in progress, or was interrupted before this case. */
    PENDING("pending");

    private final String id;

    CaseStatus(String id) {
        this.id = id;
    }

    /** The id in {@code run.json}, e.g. {@code measured}. */
    @JsonValue
    @Override
    public String id() {
        return id;
    }
}
