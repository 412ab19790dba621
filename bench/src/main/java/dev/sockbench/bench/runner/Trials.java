package dev.sockbench.bench.runner;

import dev.sockbench.bench.runner.TrialStatistics.CaseTrials;
import dev.sockbench.bench.suite.LoadSpec;
import dev.sockbench.bench.suite.Suite;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.result.RunResult.TrialEntry;
import dev.sockbench.core.result.TrialStats;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cases run several times: the order the trials run in, and what a case becomes once its trials
 * have ended. Trials run round by round, every case's trial 1 in suite order, then every case's
 * trial 2, and so on, so that models alternate (A B C A B C) and a drift of the machine during
 * the run hits all of them alike.
 */
final class Trials {
    private Trials() {}

    /**
     * One trial of one case, as the runner runs it.
     *
     * @param index the case's position in the suite
     * @param c the case
     * @param trial which trial, from 1
     */
    record Step(int index, SuiteCase c, int trial) {}

    /** The trials of {@code suite} still to run according to {@code cases} (run.json's entries), in order. */
    static List<Step> schedule(Suite suite, List<CaseEntry> cases) {
        List<Step> steps = new ArrayList<>();
        for (int trial = 1; trial <= suite.trials(); trial++) {
            for (int i = 0; i < suite.cases().size(); i++) {
                SuiteCase c = suite.cases().get(i);
                CaseEntry entry = cases.get(i);
                if (c.skipped()) {
                    continue;
                }
                boolean toRun = entry.trials() == null
                        ? RunRecord.unfinished(entry.status(), entry.reasons())
                        : RunRecord.unfinished(
                                entry.trials().get(trial - 1).status(),
                                entry.trials().get(trial - 1).reasons());
                if (toRun) {
                    steps.add(new Step(i, c, trial));
                }
            }
        }
        return steps;
    }

    /** The folder of a step's files: the case's own when it runs once, else its trial's. */
    static Path dir(Path runDir, Step step, int trials) {
        return trials == 1
                ? ResultFiles.caseDir(runDir, step.c().caseId())
                : ResultFiles.trialDir(runDir, step.c().caseId(), step.trial());
    }

    /**
     * The entry of a case before the run: skipped with its reason, or pending, with every trial
     * pending when it runs several times.
     */
    static CaseEntry initialEntry(SuiteCase c, int trials) {
        List<TrialEntry> trialEntries = null;
        if (trials > 1 && !c.skipped()) {
            trialEntries = new ArrayList<>();
            for (int k = 1; k <= trials; k++) {
                trialEntries.add(new TrialEntry(k, CaseStatus.PENDING, false, List.of()));
            }
        }
        return new CaseEntry(
                c.caseId(),
                c.model(),
                c.transport().id(),
                c.load().shape(),
                c.skipped() ? CaseStatus.SKIPPED : CaseStatus.PENDING,
                false,
                c.skipped() ? List.of(c.skipReason()) : List.of(),
                trialEntries);
    }

    private record Group(Transport transport, LoadSpec load) {}

    /**
     * Concludes every case of a run whose trials have all ended: computes the statistics over its
     * group, writes the case's {@code summary.json} (its representative trial's, with the {@code
     * trials} block) and {@code latency.hlog}, and sets its entry: measured when a trial was (valid
     * when every trial was measured and valid), failed otherwise; each trial's reasons prefixed
     * {@code trial <k>: }.
     */
    static void conclude(Suite suite, Path runDir, RunRecord record) throws IOException {
        List<CaseEntry> entries = record.snapshot().cases();
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < suite.cases().size(); i++) {
            SuiteCase c = suite.cases().get(i);
            CaseEntry e = entries.get(i);
            if (!c.skipped()
                    && e.trials() != null
                    && e.trials().stream().noneMatch(t -> RunRecord.unfinished(t.status(), t.reasons()))) {
                groups.computeIfAbsent(new Group(c.transport(), c.load()), g -> new ArrayList<>())
                        .add(i);
            }
        }
        for (List<Integer> group : groups.values()) {
            List<CaseTrials> trials = new ArrayList<>();
            for (int i : group) {
                trials.add(measuredTrials(runDir, entries.get(i)));
            }
            Map<String, TrialStats> stats = TrialStatistics.of(trials);
            for (int i : group) {
                CaseEntry e = entries.get(i);
                TrialStats s = stats.get(e.caseId());
                if (s != null) {
                    writeCaseFiles(runDir, e.caseId(), s);
                }
                record.conclude(i, concluded(e, s != null));
            }
        }
    }

    private static CaseTrials measuredTrials(Path runDir, CaseEntry e) {
        Map<Integer, CaseSummary> measured = new LinkedHashMap<>();
        for (TrialEntry t : e.trials()) {
            if (t.status() == CaseStatus.MEASURED) {
                try {
                    measured.put(
                            t.trial(),
                            ResultFiles.readSummary(ResultFiles.trialDir(runDir, e.caseId(), t.trial())
                                    .resolve(ResultFiles.SUMMARY_FILE)));
                } catch (IOException | RuntimeException unreadable) {
                    // left out of the statistics: the case's entry says the trial is not valid
                }
            }
        }
        return new CaseTrials(e.caseId(), e.trials().size(), measured);
    }

    private static void writeCaseFiles(Path runDir, String caseId, TrialStats stats) throws IOException {
        Path caseDir = ResultFiles.caseDir(runDir, caseId);
        Path trialDir = ResultFiles.trialDir(runDir, caseId, stats.representativeTrial());
        CaseSummary summary = ResultFiles.readSummary(trialDir.resolve(ResultFiles.SUMMARY_FILE));
        ResultFiles.writeJson(caseDir.resolve(ResultFiles.SUMMARY_FILE), summary.withTrials(stats));
        Path log = trialDir.resolve(ResultFiles.LATENCY_LOG_FILE);
        if (Files.isRegularFile(log)) {
            ResultFiles.writeAtomically(caseDir.resolve(ResultFiles.LATENCY_LOG_FILE), Files.readAllBytes(log));
        }
    }

    private static CaseEntry concluded(CaseEntry e, boolean anyMeasured) {
        List<String> reasons = new ArrayList<>();
        boolean allValid = true;
        for (TrialEntry t : e.trials()) {
            boolean good = t.status() == CaseStatus.MEASURED && t.valid();
            allValid &= good;
            if (!good && t.reasons().isEmpty()) {
                reasons.add("trial " + t.trial() + ": " + t.status().id());
            }
            t.reasons().forEach(r -> reasons.add("trial " + t.trial() + ": " + r));
        }
        return e.with(anyMeasured ? CaseStatus.MEASURED : CaseStatus.FAILED, anyMeasured && allValid, reasons);
    }
}
