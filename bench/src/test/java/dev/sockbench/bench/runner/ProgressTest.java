package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.runner.Trials.Step;
import dev.sockbench.bench.suite.LoadSpec;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long S = 1_000_000_000L;

    private static SuiteCase aCase(int n) {
        LoadSpec load = LoadSpec.of("closed", 4, null, 64, 2 * S, 1 * S);
        return new SuiteCase("0" + n + "-nio-epoll-tcp-closed-c4", "nio-epoll", Transport.TCP, load, null);
    }

    private static Step step(int n) {
        return new Step(n - 1, aCase(n), 1);
    }

    private static CaseOutcome measured(SuiteCase c, boolean valid) {
        return measured(c, valid, new Percentiles(50.0, 90.0, 123.0, 500.0, 900, 60));
    }

    private static CaseOutcome measured(SuiteCase c, boolean valid, Percentiles p) {
        LoadReport report = LoadReport.builder()
                .invalidReasons(valid ? List.of() : List.of("errors: 3 requests failed"))
                .load(CaseLoad.builder()
                        .transport("tcp")
                        .framing("length")
                        .shape("closed")
                        .connections(4)
                        .payloadBytes(64)
                        .durationSec(2)
                        .warmupSec(1)
                        .achievedRatePerSec(45_210)
                        .requests(90_420)
                        .build())
                .latencyUs(new LatencyUs(p, p))
                .build();
        CaseSummary s =
                CaseSummary.from(report).caseId(c.caseId()).model(c.model()).build();
        CaseEntry e =
                new CaseEntry(c.caseId(), c.model(), "tcp", "closed", CaseStatus.MEASURED, valid, s.invalidReasons());
        return new CaseOutcome(e, s, List.of());
    }

    @Test
    void theEstimateLearnsTheOverheadPerCaseFromTheCasesSoFar() {
        List<Step> cases = List.of(step(1), step(2), step(3));
        AtomicLong now = new AtomicLong(1_000 * S);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress =
                new Progress(cases, 1, new PrintWriter(bytes, true, StandardCharsets.UTF_8), now::get, false);

        // Before any case: 3 × (3 s of load + the initial guess of 1.5 s).
        assertThat(progress.remainingNs()).isEqualTo(13_500_000_000L);

        progress.started(cases.get(0));
        now.addAndGet(5 * S); // 3 s of load + 2 s of overhead
        progress.ended(cases.get(0), measured(cases.get(0).c(), true));

        // Two cases left, each 3 s of load + the 2 s overhead seen.
        assertThat(progress.remainingNs()).isEqualTo(2 * 5 * S);

        progress.started(cases.get(1));
        now.addAndGet(4 * S);
        progress.ended(cases.get(1), measured(cases.get(1).c(), false));
        assertThat(progress.remainingNs()).isEqualTo(3 * S + (2 * S + S) / 2);

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.lines().toList())
                .containsExactly(
                        "[1/3] nio-epoll tcp closed-c4 ... about 14s left",
                        "[1/3] nio-epoll tcp closed-c4: 45.2k req/s, p99 123 µs, valid (5s)",
                        "[2/3] nio-epoll tcp closed-c4 ... about 10s left",
                        "[2/3] nio-epoll tcp closed-c4: 45.2k req/s, p99 123 µs, INVALID: errors: 3 requests failed (4s)");
    }

    /** What Progress prints for a one-case run that ends with {@code outcome}. */
    private static String printed(SuiteCase c, CaseOutcome outcome) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Step step = new Step(0, c, 1);
        Progress progress =
                new Progress(List.of(step), 1, new PrintWriter(bytes, true, StandardCharsets.UTF_8), () -> 0, false);
        progress.started(step);
        progress.ended(step, outcome);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFailedCaseSaysWhyAndWarningsFollowTheirCase() {
        SuiteCase c = aCase(1);
        CaseOutcome failed = CaseRunner.failed(c, "server exited during the case (code 1): boom", List.of("w"));

        assertThat(printed(c, failed))
                .contains("[1/1] nio-epoll tcp closed-c4: FAILED: server exited during the case (code 1): boom (0s)")
                .contains("   warning: w");
    }

    @Test
    void aP99NotMeasuredForTooFewRequestsPrintsADash() {
        SuiteCase c = aCase(1);
        CaseOutcome fewRequests = measured(c, true, new Percentiles(50.0, 90.0, null, null, 900, 60));

        assertThat(printed(c, fewRequests)).contains("[1/1] nio-epoll tcp closed-c4: 45.2k req/s, p99 -, valid (0s)");
    }

    @Test
    void onATerminalTheStartLineIsALiveBarRedrawnInPlaceAndTheEndLinesScrollAboveIt() {
        Step first = new Step(0, aCase(1), 1);
        Step second = new Step(0, aCase(1), 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(
                List.of(first, second), 2, new PrintWriter(bytes, true, StandardCharsets.UTF_8), () -> 0, true);

        progress.started(first);
        String bar = bytes.toString(StandardCharsets.UTF_8);
        progress.ended(first, measured(first.c(), true));
        progress.started(second);
        progress.close();

        String clear = "\r\033[K";
        assertThat(bar)
                .startsWith(clear + "[>" + " ".repeat(23) + "] 1/2 nio-epoll tcp closed-c4 trial 1/2, about 9s left")
                .doesNotContain("\n");
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertThat(all)
                .contains(clear + "[1/2] nio-epoll tcp closed-c4 trial 1/2: 45.2k req/s, p99 123 µs, valid (0s)\n")
                .contains(
                        clear + "[" + "=".repeat(12) + ">" + " ".repeat(11) + "] 2/2 nio-epoll tcp closed-c4 trial 2/2")
                .endsWith(clear);
    }

    @Test
    void formats() {
        assertThat(Progress.formatRate(850)).isEqualTo("850");
        assertThat(Progress.formatRate(1_250_000)).isEqualTo("1.25M");
        assertThat(Progress.formatMicros(87.4)).isEqualTo("87 µs");
        assertThat(Progress.formatMicros(1_240)).isEqualTo("1.24 ms");
        assertThat(Progress.formatMicros(2_100_000)).isEqualTo("2.1 s");
        assertThat(Progress.formatDuration(125 * S)).isEqualTo("2m 05s");
    }
}
