package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * What became of one case of a run, as {@code run.json} says it; written as its lower-case id. A
 * case interrupted while it ran is {@link #FAILED}, with the reason {@code interrupted}.
 */
public enum CaseStatus {
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
    public String id() {
        return id;
    }

    /** The status with this id; empty for an id this sockbench does not know. */
    public static Optional<CaseStatus> fromId(String id) {
        for (CaseStatus status : values()) {
            if (status.id.equals(id)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
