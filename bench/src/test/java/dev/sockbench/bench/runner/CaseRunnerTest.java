package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.suite.LoadSpec;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.bench.testing.FakeLoadgen;
import dev.sockbench.bench.testing.FakeServer;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case runner's process handling and bookkeeping, with stand-in server and load generator
 * processes (real JVMs, real sockets, real /proc) that behave well or fail on purpose. The real
 * server and load generator are covered by the integration tests.
 */
class CaseRunnerTest {
    private static final LoadSpec LOAD = LoadSpec.of("closed", 4, null, 64, 1_000_000_000L, 500_000_000L);
    private static final SuiteCase CASE = new SuiteCase("01-fake-tcp-closed-c4", "fake", Transport.TCP, LOAD, null);

    private static CaseRunner runner(Class<?> server, Class<?> loadgen) {
        return runner(server, loadgen, Duration.ofSeconds(30));
    }

    private static CaseRunner runner(Class<?> server, Class<?> loadgen, Duration usageDeadline) {
        CaseRunner.Settings settings = new CaseRunner.Settings(
                TestProcesses.java(),
                Pinning.detect(),
                server.getName(),
                loadgen.getName(),
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                usageDeadline);
        return new CaseRunner(
                settings, ProcFs.system(), new ChildProcesses(), System::nanoTime, System::currentTimeMillis);
    }

    @Test
    void aGoodCaseGetsItsIdModelAndTheServersCostWrittenIntoTheSummary(@TempDir Path caseDir) throws Exception {
        CaseOutcome outcome = runner(FakeServer.class, FakeLoadgen.class).run(CASE, caseDir);

        assertThat(outcome.entry().status()).isEqualTo(CaseStatus.MEASURED);
        assertThat(outcome.entry().valid()).isTrue();
        assertThat(outcome.warnings()).isEmpty();
        CaseSummary onDisk = ResultFiles.readSummary(caseDir.resolve("summary.json"));
        assertThat(onDisk).isEqualTo(outcome.summary());
        assertThat(onDisk.caseId()).isEqualTo(CASE.caseId());
        assertThat(onDisk.model()).isEqualTo("fake");
        assertThat(onDisk.load().requests()).isEqualTo(FakeLoadgen.REQUESTS); // the load generator's numbers are kept
        assertThat(caseDir.resolve("load.json"))
                .as("composed into the summary, then removed")
                .doesNotExist();
        ServerCost server = onDisk.server();
        assertThat(server).isNotNull();
        assertThat(server.threads()).isGreaterThan(1); // a JVM: main, GC, compiler, the accept loop ...
        assertThat(server.rssBytes()).isGreaterThan(1024 * 1024);
        // The fake answers USAGE with its own getrusage, as ServerMain does: the CPU and switch
        // figures are there (without an answer they are not; see below). CostMeterTest checks the
        // arithmetic, ServerCostIT the magnitudes with the real server.
        assertThat(server.cpuUserUs()).isNotNull();
        assertThat(server.cpuSysUs()).isNotNull();
        assertThat(server.cpuUsPerRequest()).isNotNull();
        assertThat(server.voluntaryCtxSwitches()).isNotNull();
        assertThat(server.ctxSwitchesPerRequest()).isNotNull();
        assertThat(server.gcPauses()).as("the GC log was read").isNotNull();
        assertThat(onDisk.kernel()).isNotNull();
        // The processes' output is kept beside the results, and the GC log was written.
        assertThat(Files.readString(caseDir.resolve("server.log"))).contains("LISTENING tcp://127.0.0.1:");
        assertThat(Files.readString(caseDir.resolve("loadgen.log"))).contains("PHASE measure");
        assertThat(Files.readString(caseDir.resolve("gc.log"))).contains("Using");
        assertThat(caseDir.resolve("latency.hlog")).exists();
    }

    @Test
    void anInvalidCaseIsMeasuredButInvalidWithTheLoadGeneratorsReasons(@TempDir Path caseDir) {
        CaseOutcome outcome =
                runner(FakeServer.class, FakeLoadgen.Invalid.class).run(CASE, caseDir);

        assertThat(outcome.entry().status()).isEqualTo(CaseStatus.MEASURED);
        assertThat(outcome.entry().valid()).isFalse();
        assertThat(outcome.entry().reasons()).containsExactly("achieved rate 50% of target");
        assertThat(outcome.summary().server()).isNotNull();
    }

    @Test
    void withoutPhaseMarkersTheCaseIsKeptAndTheMissingCostIsAWarning(@TempDir Path caseDir) throws Exception {
        CaseOutcome outcome =
                runner(FakeServer.class, FakeLoadgen.NoPhases.class).run(CASE, caseDir);

        assertThat(outcome.entry().status()).isEqualTo(CaseStatus.MEASURED);
        assertThat(outcome.summary().server()).isNull();
        assertThat(outcome.warnings()).singleElement().asString().contains("no PHASE measure/done markers");
        CaseSummary onDisk = ResultFiles.readSummary(caseDir.resolve("summary.json"));
        assertThat(onDisk.caseId()).isEqualTo(CASE.caseId());
        assertThat(onDisk.kernel())
                .as("read around the case, whatever the server's cost")
                .isNotNull();
    }

    @Test
    void aServerThatDoesNotAnswerUsageLosesItsCpuAndSwitchFiguresOnly(@TempDir Path caseDir) throws Exception {
        CaseOutcome outcome = runner(FakeServer.IgnoresUsage.class, FakeLoadgen.class, Duration.ofMillis(500))
                .run(CASE, caseDir);

        assertThat(outcome.entry().status()).isEqualTo(CaseStatus.MEASURED);
        assertThat(outcome.entry().valid()).isTrue(); // the load's numbers stand
        ServerCost server =
                ResultFiles.readSummary(caseDir.resolve("summary.json")).server();
        assertThat(server).isNotNull();
        assertThat(server.cpuUserUs()).isNull();
        assertThat(server.cpuUsPerRequest()).isNull();
        assertThat(server.voluntaryCtxSwitches()).isNull();
        assertThat(server.ctxSwitchesPerRequest()).isNull();
        assertThat(server.threads()).isGreaterThan(1);
        assertThat(server.rssBytes()).isGreaterThan(1024 * 1024);
        String why = "server CPU time and context switches not measured: no resource usage from the server at"
                + " PHASE measure: the server did not answer USAGE within 500 ms";
        assertThat(outcome.warnings()).containsExactly(why);
        assertThat(Files.readString(caseDir.resolve("server.log"))).endsWith("[sockbench] " + why + "\n");
    }

    @Test
    void aServerThatDiesDuringTheCaseFailsIt(@TempDir Path caseDir) {
        CaseOutcome outcome =
                runner(FakeServer.DiesOnConnect.class, FakeLoadgen.class).run(CASE, caseDir);

        assertThat(outcome.entry().status()).isEqualTo(CaseStatus.FAILED);
        assertThat(outcome.entry().valid()).isFalse();
        assertThat(outcome.entry().reasons())
                .singleElement()
                .isEqualTo("server exited during the case (code 1): fake server: dying on purpose");
        assertThat(outcome.summary()).isNull();
    }

    @Test
    void aServerThatDoesNotStartFailsTheCase(@TempDir Path caseDir) {
        CaseOutcome outcome =
                runner(FakeServer.ExitsEarly.class, FakeLoadgen.class).run(CASE, caseDir);

        assertThat(outcome.entry().status()).isEqualTo(CaseStatus.FAILED);
        assertThat(outcome.entry().reasons()).singleElement().asString().startsWith("server exited with code 3");
    }

    @Test
    void aLoadGeneratorThatRejectsTheCaseFailsItWithItsMessage(@TempDir Path caseDir) {
        CaseOutcome outcome =
                runner(FakeServer.class, FakeLoadgen.Rejects.class).run(CASE, caseDir);

        assertThat(outcome.entry().status()).isEqualTo(CaseStatus.FAILED);
        assertThat(outcome.entry().reasons())
                .containsExactly(
                        "load generator rejected the case (exit 2): sockbench: unknown shape 'zigzag'; accepted: closed, open");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive))
                .as("the server was stopped")
                .isEmpty();
    }

    @Test
    void aServerThatIgnoresSigtermIsKilledAndTheCaseKeptWithAWarning(@TempDir Path caseDir) {
        CaseOutcome outcome =
                runner(FakeServer.IgnoresTerm.class, FakeLoadgen.class).run(CASE, caseDir);

        assertThat(outcome.entry().status()).isEqualTo(CaseStatus.MEASURED);
        assertThat(outcome.warnings()).containsExactly("server did not stop within 2 s of SIGTERM and was killed");
        assertThat(List.copyOf(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList()))
                .isEmpty();
    }
}
