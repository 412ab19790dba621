package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.suite.LoadSpec;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.bench.testing.TestProcesses;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.transport.Transport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server's cost as the suite runner measures it: the real server and load generator processes,
 * a thread-per-connection server whose every request blocks a thread (about 0.9 voluntary switches
 * a request closed-loop, about 6 under churn, here). The bounds hold on a busy 2-core machine; they
 * fail when the switches of exited threads are lost (the threads' counts in {@code
 * /proc/<pid>/task}, read at the interval's ends, gave about 0.0004 a request) or when a unit is
 * wrong.
 */
@Timeout(300)
class ServerCostIT {

    @ParameterizedTest(name = "{0} c{1}")
    @CsvSource({
        // Each connection's thread blocks in read until its next request arrives.
        "closed, 4",
        // Each request has a connection, and a thread, of its own that blocks and exits within it.
        "churn, 2"
    })
    void blockingPlatformCostsAVoluntarySwitchPerRequestAndSomeCpu(String shape, int connections, @TempDir Path dir) {
        LoadSpec load = LoadSpec.of(shape, connections, null, 64, 1_000_000_000L, 500_000_000L);
        SuiteCase c = new SuiteCase("cost-" + shape, "blocking-platform", Transport.TCP, load, null);
        Pinning pinning = Pinning.detect();
        CaseRunner runner = runner(pinning);

        CaseOutcome outcome = runner.run(c, dir);

        assertThat(outcome.entry().status())
                .as("reasons %s", outcome.entry().reasons())
                .isEqualTo(CaseStatus.MEASURED);
        assertThat(outcome.warnings()).isEmpty();
        CaseSummary summary = outcome.summary();
        long requests = summary.measuredIntervalRequests();
        assertThat(requests).isPositive();
        ServerCost server = summary.server();
        assertThat(server).isNotNull();

        assertThat(server.voluntaryCtxSwitches())
                .as("voluntary switches over %d requests", requests)
                .isGreaterThanOrEqualTo(requests / 2);
        // Per request: at least that, and not the interval's total (a figure divided by the wrong count).
        assertThat(server.ctxSwitchesPerRequest()).isBetween(0.5, 100.0);

        // A loopback echo costs the server at least a read and a write system call: more than 1 µs.
        assertThat(server.cpuUsPerRequest()).isGreaterThan(1.0);
        // And no more CPU time than its CPUs had during the interval (with room for late markers):
        // CPU time in the wrong unit would not fit.
        int serverCpus = pinning.pinned()
                ? pinning.server().size()
                : Runtime.getRuntime().availableProcessors();
        assertThat(server.cpuUserUs() + server.cpuSysUs()).isPositive().isLessThanOrEqualTo((long)
                ((summary.load().durationSec() + 2) * serverCpus * 1e6));
    }

    @Test
    void aServerOnVirtualThreadsHasItsPinsCountedAndNoOtherDoes(@TempDir Path dir) {
        LoadSpec load = LoadSpec.of("closed", 4, null, 64, 1_000_000_000L, 500_000_000L);
        CaseRunner runner = runner(Pinning.detect());

        CaseOutcome virtual = runner.run(
                new SuiteCase("pins-virtual", "blocking-virtual", Transport.TCP, load, null), dir.resolve("virtual"));
        CaseOutcome platform = runner.run(
                new SuiteCase("pins-platform", "blocking-platform", Transport.TCP, load, null),
                dir.resolve("platform"));

        // The blocking echo never blocks while pinned (no native frame, no class initializer on the
        // way): zero, recorded and read; a real pin is counted in PinnedVirtualThreadsTest.
        assertThat(virtual.summary().server().virtualThreadsPinned()).isZero();
        assertThat(dir.resolve("virtual").resolve(CaseRunner.PINNED_EVENTS)).isRegularFile();
        assertThat(platform.summary().server().virtualThreadsPinned()).isNull();
        assertThat(dir.resolve("platform").resolve(CaseRunner.PINNED_EVENTS)).doesNotExist();
    }

    /** The real runner, real processes, this machine's pinning. */
    private static CaseRunner runner(Pinning pinning) {
        return new CaseRunner(
                CaseRunner.Settings.defaults(TestProcesses.java(), pinning),
                ProcFs.system(),
                new ChildProcesses(),
                System::nanoTime,
                System::currentTimeMillis);
    }
}
