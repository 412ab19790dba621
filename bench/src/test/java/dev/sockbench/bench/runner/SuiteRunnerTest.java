package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.env.EnvironmentProbe;
import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.suite.Suite;
import dev.sockbench.bench.suite.SuiteLoader;
import dev.sockbench.bench.suite.TableCatalog;
import dev.sockbench.bench.testing.FakeLoadgen;
import dev.sockbench.bench.testing.FakeServer;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.result.RunResult.TrialEntry;
import dev.sockbench.core.result.TrialStats;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.report.Reports;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteRunnerTest {

    @Test
    void writesTheRunFolderAndRecordsSkippedMeasuredAndFailedCases(@TempDir Path out) throws Exception {
        TableCatalog catalog = new TableCatalog("good", "dies").skip("good", Transport.UDP, "n/a: not here");
        Suite suite = new SuiteLoader(catalog).parse("fake", """
                cases:
                  - {models: [good, dies], transports: [tcp, udp], warmup: 0s, duration: 1s, connections: 4}
                """);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
        var environment = EnvironmentProbe.system(out).capture(Pinning.detect());

        // The fake server dies on its first connection when it serves the model "dies".
        SuiteRunner runner = fakeRunner(progress, clock);
        SuiteRunner.Finished finished = runner.run(suite, out, environment);

        assertThat(finished.runDir()).isEqualTo(out.resolve("2026-03-04T05-06-07-fake"));
        RunResult run = ResultFiles.readRun(finished.runDir());
        assertThat(run).isEqualTo(finished.result());
        assertThat(run.suite()).isEqualTo("fake");
        assertThat(run.startedAt()).isEqualTo("2026-03-04T05:06:07Z");
        assertThat(run.finishedAt()).isNotNull();
        assertThat(run.environment().pinningNote()).isEqualTo(Pinning.detect().note());
        assertThat(run.cases())
                .extracting(c -> c.caseId() + " " + c.status().id() + " " + c.valid())
                .containsExactly(
                        "01-good-tcp-closed-c4 measured true",
                        "02-good-udp-closed-c4 skipped false",
                        "03-dies-tcp-closed-c4 failed false",
                        "04-dies-udp-closed-c4 failed false");
        assertThat(run.cases().get(1).reasons()).containsExactly("n/a: not here");
        assertThat(finished.allValid()).isFalse(); // a failed case
        // Only measured (or attempted) cases get a folder.
        assertThat(ResultFiles.caseDir(finished.runDir(), "01-good-tcp-closed-c4")
                        .resolve("summary.json"))
                .exists();
        assertThat(Files.exists(ResultFiles.caseDir(finished.runDir(), "02-good-udp-closed-c4")))
                .isFalse();
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("suite fake, 3 cases to measure (1 cell skipped: n/a or unavailable here)")
                .contains("[1/3] good tcp closed-c4: 1000 req/s")
                .contains("[3/3] dies udp closed-c4: FAILED: ");

        // The report module reads what the runner wrote.
        assertThat(Reports.render(finished.runDir())).isRegularFile();

        // A second run in the same second gets its own folder.
        Suite one = new SuiteLoader(catalog).parse("fake", "cases: [{models: good, transports: tcp, warmup: 0s}]");
        SuiteRunner.Finished second = runner.run(one, out, environment);
        assertThat(second.runDir()).isEqualTo(out.resolve("2026-03-04T05-06-07-fake-2"));
        assertThat(second.allValid()).isTrue();
    }

    private static SuiteRunner fakeRunner(ByteArrayOutputStream progress, Clock clock) {
        ChildProcesses children = new ChildProcesses();
        CaseRunner.Settings settings = new CaseRunner.Settings(
                TestProcesses.java(),
                Pinning.detect(),
                FakeServer.class.getName(),
                FakeLoadgen.class.getName(),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                Duration.ofSeconds(30));
        CaseRunner caseRunner =
                new CaseRunner(settings, ProcFs.system(), children, System::nanoTime, System::currentTimeMillis);
        return new SuiteRunner(
                caseRunner,
                children::stopAll,
                new PrintWriter(progress, true, StandardCharsets.UTF_8),
                clock,
                System::nanoTime);
    }

    @Test
    void trialsRunRoundByRoundWithModelsInterleavedAndEachCaseGetsItsStatistics(@TempDir Path out) throws Exception {
        TableCatalog catalog = new TableCatalog("a", "b", "c");
        Suite suite = new SuiteLoader(catalog).parse("fake", """
                trials: 2
                cases:
                  - {models: [a, b], transports: tcp, warmup: 0s, duration: 1s, connections: 4}
                  - {models: c, transports: tcp, warmup: 0s, duration: 1s, connections: 8}
                """);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        SuiteRunner.Finished finished = fakeRunner(progress, Clock.systemDefaultZone())
                .run(suite, out, EnvironmentProbe.system(out).capture(Pinning.detect()));

        // A B C, then A B C again: drift during the run hits every model alike.
        assertThat(progress.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" ... about ")))
                .extracting(l -> l.substring(0, l.indexOf(" ... ")))
                .containsExactly(
                        "[1/6] a tcp closed-c4 trial 1/2",
                        "[2/6] b tcp closed-c4 trial 1/2",
                        "[3/6] c tcp closed-c8 trial 1/2",
                        "[4/6] a tcp closed-c4 trial 2/2",
                        "[5/6] b tcp closed-c4 trial 2/2",
                        "[6/6] c tcp closed-c8 trial 2/2");
        RunResult run = ResultFiles.readRun(finished.runDir());
        assertThat(run).isEqualTo(finished.result());
        assertThat(finished.allValid()).isTrue();
        assertThat(run.cases()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(CaseStatus.MEASURED);
            assertThat(c.trials())
                    .extracting(t -> t.trial() + " " + t.status().id() + " " + t.valid())
                    .containsExactly("1 measured true", "2 measured true");
        });
        Path runDir = finished.runDir();
        for (String trial : List.of("trial-1", "trial-2")) {
            assertThat(ResultFiles.caseDir(runDir, "01-a-tcp-closed-c4")
                            .resolve(trial)
                            .resolve("summary.json"))
                    .isRegularFile();
        }
        CaseSummary a = ResultFiles.readSummary(runDir, "01-a-tcp-closed-c4");
        TrialStats stats = a.trials();
        assertThat(stats.trials()).isEqualTo(2);
        assertThat(stats.measured()).isEqualTo(2);
        assertThat(stats.achievedRatePerSec().values()).containsExactly(1000.0, 1000.0);
        // a and b are one group (same transport and load); c, with another load, is its own.
        assertThat(stats.achievedRatePerSec().bestCaseId()).isIn("01-a-tcp-closed-c4", "02-b-tcp-closed-c4");
        assertThat(ResultFiles.readSummary(runDir, "03-c-tcp-closed-c8")
                        .trials()
                        .achievedRatePerSec()
                        .bestCaseId())
                .isEqualTo("03-c-tcp-closed-c8");
        assertThat(ResultFiles.caseDir(runDir, "01-a-tcp-closed-c4").resolve("latency.hlog"))
                .isRegularFile();
        assertThat(runDir.resolve("suite.yaml")).hasContent(suite.source());

        // The report reads it, trials included.
        Path index = Reports.render(runDir);
        assertThat(index).isRegularFile();
        assertThat(Files.readString(runDir.resolve("report/cases.csv"))).contains("trials");
    }

    @Test
    void resumeRunsOnlyWhatDidNotFinishAndConcludesTheCases(@TempDir Path out) throws Exception {
        TableCatalog catalog = new TableCatalog("a", "b");
        Suite suite = new SuiteLoader(catalog).parse("fake", """
                trials: 2
                cases:
                  - {models: [a, b], transports: tcp, warmup: 0s, duration: 1s, connections: 4}
                """);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SuiteRunner.Finished first = fakeRunner(progress, Clock.systemDefaultZone())
                .run(suite, out, EnvironmentProbe.system(out).capture(Pinning.detect()));
        // As an interrupt during b's second trial leaves it (RunRecord writes it so).
        Path runDir = first.runDir();
        RunResult done = first.result();
        CaseEntry b = done.cases().get(1);
        List<TrialEntry> bTrials =
                List.of(b.trials().get(0), new TrialEntry(2, CaseStatus.FAILED, false, List.of(CaseEntry.INTERRUPTED)));
        CaseEntry bInterrupted = b.withTrials(bTrials).with(CaseStatus.FAILED, false, List.of("trial 2: interrupted"));
        ResultFiles.writeJson(
                runDir.resolve("run.json"),
                new RunResult(
                        done.format(),
                        done.runId(),
                        done.suite(),
                        done.startedAt(),
                        done.finishedAt(),
                        done.environment(),
                        List.of(done.cases().get(0), bInterrupted)));
        Path leftover = ResultFiles.trialDir(runDir, b.caseId(), 2).resolve("load.json");
        Files.writeString(leftover, "{half a file");
        progress.reset();

        SuiteRunner.Finished resumed =
                fakeRunner(progress, Clock.systemDefaultZone()).resume(runDir, new SuiteLoader(catalog));

        assertThat(resumed.runDir()).isEqualTo(runDir);
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("[1/1] b tcp closed-c4 trial 2/2: 1000 req/s")
                .doesNotContain("a tcp");
        RunResult run = ResultFiles.readRun(runDir);
        assertThat(run.cases()).extracting(CaseEntry::status).containsOnly(CaseStatus.MEASURED);
        assertThat(run.cases().get(1).trials()).extracting(TrialEntry::status).containsOnly(CaseStatus.MEASURED);
        assertThat(run.startedAt()).isEqualTo(done.startedAt());
        assertThat(leftover).as("the interrupted attempt's files are gone").doesNotExist();
        assertThat(ResultFiles.readSummary(runDir, b.caseId()).trials().measured())
                .isEqualTo(2);
        assertThat(resumed.allValid()).isTrue();
    }

    @Test
    void allValidNeedsAMeasuredCase() {
        RunResult nothing = new RunResult(
                1,
                "r",
                "s",
                "t",
                "t",
                null,
                java.util.List.of(new CaseEntry(
                        "01", "m", "tcp", "closed", CaseStatus.SKIPPED, false, java.util.List.of("n/a: x"))));
        assertThat(new SuiteRunner.Finished(Path.of("r"), nothing).allValid()).isFalse();
    }
}
