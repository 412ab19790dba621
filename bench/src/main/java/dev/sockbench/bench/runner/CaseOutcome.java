package dev.sockbench.bench.runner;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.RunResult.CaseEntry;

/**
 * How one case ended.
 *
 * @param entry its line in {@code run.json}
 * @param summary what was measured; null when the case was skipped or failed
 * @param warnings things worth telling the user that do not make the numbers wrong (e.g. the
 *     server did not stop cleanly); empty when none
 */
public record CaseOutcome(CaseEntry entry, CaseSummary summary, java.util.List<String> warnings) {
    public CaseOutcome {
        warnings = java.util.List.copyOf(warnings);
    }
}
