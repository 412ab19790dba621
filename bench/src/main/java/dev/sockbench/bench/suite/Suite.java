package dev.sockbench.bench.suite;

import java.util.List;

/**
 * A suite expanded for this machine: its cases in order, skipped cells included.
 *
 * @param name the suite's name: a bundled suite's id or the file name without {@code .yaml}
 * @param description one line, what the suite is for
 * @param cases every case, in order
 */
public record Suite(String name, String description, List<SuiteCase> cases) {
    public Suite {
        cases = List.copyOf(cases);
    }

    /** The cases to measure (not skipped). */
    public List<SuiteCase> measured() {
        return cases.stream().filter(c -> !c.skipped()).toList();
    }
}
