package dev.sockbench.bench.runner;

import dev.sockbench.bench.suite.SuiteCase;
import java.nio.file.Path;

/**
 * Runs one case into its folder: on this machine ({@link CaseRunner}) or across a cluster's agents
 * ({@code bench.cluster.ClusterCaseRunner}). {@link SuiteRunner} runs a suite with either.
 */
@FunctionalInterface
public interface CaseExecutor {
    /** Runs {@code c} with its files in {@code caseDir}; never throws for a failing case. */
    CaseOutcome run(SuiteCase c, Path caseDir);
}
