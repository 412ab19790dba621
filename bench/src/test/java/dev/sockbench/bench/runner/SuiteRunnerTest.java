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
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.RunResult.CaseEntry;
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
        ChildProcesses children = new ChildProcesses();
        // The fake server dies on its first connection when it serves the model "dies".
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
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
        var environment = EnvironmentProbe.system(out).capture(Pinning.detect());

        SuiteRunner runner = new SuiteRunner(
                caseRunner,
                children::stopAll,
                new PrintWriter(progress, true, StandardCharsets.UTF_8),
                clock,
                System::nanoTime);
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
