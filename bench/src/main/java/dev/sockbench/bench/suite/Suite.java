package dev.sockbench.bench.suite;

import java.util.List;

/**
 * A suite expanded for this machine: its cases in order, skipped cells included.
 *
 * @param name the suite's name: a bundled suite's id or the file name without {@code .yaml}
 * @param description one line, what the suite is for
 * @param trials how many times each measured case runs, at least 1
 * @param cases every case, in order
 * @param source the suite's YAML text, which {@link SuiteLoader#parse} expands to these cases
 *     (the run keeps it, so that {@code --resume} expands the same suite)
 */
public record Suite(String name, String description, int trials, List<SuiteCase> cases, String source) {
    /** Most trials a case may run. */
    public static final int MAX_TRIALS = 100;

    public Suite {
        cases = List.copyOf(cases);
        if (trials < 1 || trials > MAX_TRIALS) {
            throw new IllegalArgumentException("trials must be 1 to " + MAX_TRIALS + ", got " + trials);
        }
    }

    /** This suite with each case run {@code n} times. */
    public Suite withTrials(int n) {
        return new Suite(name, description, n, cases, source);
    }

    /** The cases to measure (not skipped). */
    public List<SuiteCase> measured() {
        return cases.stream().filter(c -> !c.skipped()).toList();
    }
}
