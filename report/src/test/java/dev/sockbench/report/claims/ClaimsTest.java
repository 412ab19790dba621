package dev.sockbench.report.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.IdleConnections;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.RequestAccounting;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.SyscallCounts;
import dev.sockbench.report.TestLoads;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each claim's verdict from cases with known figures: holds, in a range, does not hold, not measured. */
class ClaimsTest {
    @TempDir
    Path dir;

    private int next;

    @Test
    void descriptorsHoldFromTheCrossoverWherePollCostsAFifthMoreAndEpollStaysFlat() throws IOException {
        List<ReportCase> cases = new ArrayList<>();
        int[] idle = {16, 1000, 10000};
        double[] poll = {10, 20, 40};
        double[] epoll = {10, 10.5, 11};
        for (int i = 0; i < idle.length; i++) {
            cases.add(idleCase("ffm-poll", idle[i], poll[i]));
            cases.add(idleCase("ffm-epoll-lt", idle[i], epoll[i]));
        }
        ClaimResult claim = claim(cases, "descriptors");

        assertThat(claim.verdict()).isEqualTo(Verdict.HOLDS_IN_RANGE);
        assertThat(claim.finding())
                .contains("from about 1,000 idle descriptors")
                .contains("×4.0")
                .contains("×1.1");
        assertThat(claim.rows()).hasSize(2);
        assertThat(claim.chart()).isInstanceOf(ClaimResult.Lines.class);
    }

    @Test
    void descriptorsDoNotHoldWhenPollStaysFlat() throws IOException {
        List<ReportCase> cases = List.of(
                idleCase("ffm-poll", 16, 10),
                idleCase("ffm-poll", 10000, 11),
                idleCase("ffm-epoll-lt", 16, 10),
                idleCase("ffm-epoll-lt", 10000, 10));

        assertThat(claim(cases, "descriptors").verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
    }

    @Test
    void threadsHoldUpToTheCrossoverOfRates() throws IOException {
        List<ReportCase> cases = new ArrayList<>();
        int[] connections = {1, 4, 16};
        double[] platform = {13_000, 22_000, 27_000};
        double[] epoll = {10_000, 20_000, 30_000};
        for (int i = 0; i < connections.length; i++) {
            cases.add(closedCase("blocking-platform", "tcp", connections[i], platform[i], 20));
            cases.add(closedCase("ffm-epoll-lt", "tcp", connections[i], epoll[i], 25));
        }
        ClaimResult claim = claim(cases, "threads");

        assertThat(claim.verdict()).isEqualTo(Verdict.HOLDS_IN_RANGE);
        assertThat(claim.finding()).contains("ahead up to 4 connections").contains("between 4 and 16");
    }

    @Test
    void threadsDoNotHoldWhenTheLoopIsAheadAtOneConnection() throws IOException {
        List<ReportCase> cases = List.of(
                closedCase("blocking-platform", "tcp", 1, 10_000, 20),
                closedCase("blocking-platform", "tcp", 4, 10_000, 20),
                closedCase("ffm-epoll-lt", "tcp", 1, 10_000, 20),
                closedCase("ffm-epoll-lt", "tcp", 4, 12_000, 20));

        assertThat(claim(cases, "threads").verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
    }

    @Test
    void edgeTriggeredWithoutDrainingHoldsWhenItsProbeGotNoEchoAndLevelTriggeredAnsweredAll() throws IOException {
        ReportCase stalled = failed(
                "ffm-epoll-et-nodrain",
                "load generator rejected the case (exit 2): sockbench: no echo from tcp://127.0.0.1:1 within 1000 ms");
        ReportCase served = closedCase("ffm-epoll-lt-nodrain", "tcp", 4, 5_000, 30);

        assertThat(claim(List.of(stalled, served), "edge-triggered").verdict()).isEqualTo(Verdict.HOLDS);
        ReportCase notStalled = closedCase("ffm-epoll-et-nodrain", "tcp", 4, 5_000, 30);
        assertThat(claim(List.of(notStalled, served), "edge-triggered").verdict())
                .isEqualTo(Verdict.DOES_NOT_HOLD);
    }

    @Test
    void unixAgainstTcpHoldsInPartWhenOnlySomeFiguresAreBetter() throws IOException {
        List<ReportCase> cases = List.of(
                openCase("ffm-epoll-lt", "tcp", 40, 20),
                openCase(
                        "ffm-epoll-lt",
                        "unix-stream",
                        30,
                        20), // p50 better, CPU the same; closed: rate better, CPU the same
                closedCase("ffm-epoll-lt", "tcp", 4, 10_000, 20),
                closedCase("ffm-epoll-lt", "unix-stream", 4, 13_000, 20));
        ClaimResult claim = claim(cases, "unix");

        assertThat(claim.verdict()).isEqualTo(Verdict.PARTLY);
        assertThat(claim.finding()).startsWith("2 of 4 comparisons");
    }

    @Test
    void anInvalidCaseIsShownButNotJudged() throws IOException {
        List<ReportCase> cases = List.of(
                invalid(openCase("ffm-epoll-lt", "tcp", 4_000, 20)), // the generator fell behind
                openCase("ffm-epoll-lt", "unix-stream", 30, 20),
                closedCase("ffm-epoll-lt", "tcp", 4, 10_000, 20),
                closedCase("ffm-epoll-lt", "unix-stream", 4, 13_000, 20));
        ClaimResult claim = claim(cases, "unix");

        assertThat(claim.finding()).startsWith("1 of 2 comparisons");
        assertThat(claim.rows()).anySatisfy(row -> assertThat(row.get(2)).isEqualTo("4,000 (invalid)"));
    }

    @Test
    void aLoadMeasuredTwiceCountsItsHigherRate() throws IOException {
        List<ReportCase> cases = List.of(
                closedCase("blocking-platform", "tcp", 1, 13_000, 20),
                closedCase("blocking-platform", "tcp", 4, 5_000, 20), // disturbed
                closedCase("blocking-platform", "tcp", 4, 30_000, 20),
                closedCase("ffm-epoll-lt", "tcp", 1, 10_000, 20),
                closedCase("ffm-epoll-lt", "tcp", 4, 20_000, 20));

        assertThat(claim(cases, "threads").verdict()).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void syscallsHoldWhenTheLoopWaitsBeforeEveryRead() throws IOException {
        ReportCase blocking = traced("blocking-platform", Map.of("read", 1_000L, "write", 1_000L));
        ReportCase epoll = traced("ffm-epoll-lt", Map.of("epoll_wait", 1_000L, "read", 1_000L, "write", 1_000L));
        ClaimResult claim = claim(List.of(blocking, epoll), "syscalls");

        assertThat(claim.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(claim.finding()).contains("blocking-platform 1.00").contains("ffm-epoll-lt 2.00");
        // A traced case is slowed by strace: it is evidence for nothing else.
        assertThat(claim(List.of(blocking, epoll), "threads").verdict()).isEqualTo(Verdict.NOT_MEASURED);
    }

    @Test
    void aRunWithoutTheirCasesHasNoClaims() throws IOException {
        List<ClaimResult> claims = Claims.evaluate(List.of(closedCase("nio-epoll", "tcp", 8, 1_000, 10)));

        assertThat(claims).allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.NOT_MEASURED));
        assertThat(Claims.any(claims)).isFalse();
    }

    private static ClaimResult claim(List<ReportCase> cases, String id) {
        return Claims.evaluate(cases).stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private ReportCase idleCase(String model, int idle, double cpuUsPerRequest) throws IOException {
        return measured(
                model,
                TestLoads.tcp("idle", 4, 2_000).targetRatePerSec(2_000.0),
                new IdleConnections(idle, idle, idle),
                cpuUsPerRequest,
                100);
    }

    private ReportCase closedCase(String model, String transport, int connections, double rate, double cpu)
            throws IOException {
        return measured(
                model,
                TestLoads.tcp("closed", connections, (long) rate)
                        .transport(transport)
                        .achievedRatePerSec(rate),
                null,
                cpu,
                1_000_000.0 * connections / rate);
    }

    private ReportCase openCase(String model, String transport, double p50Us, double cpu) throws IOException {
        return measured(
                model,
                TestLoads.tcp("open", 4, 10_000).transport(transport).targetRatePerSec(10_000.0),
                null,
                cpu,
                p50Us);
    }

    private ReportCase traced(String model, Map<String, Long> calls) throws IOException {
        ReportCase c = closedCase(model, "tcp", 1, 1_000, 50);
        ResultFiles.writeJson(c.caseDir().resolve(SyscallCounts.FILE), new SyscallCounts("strace", 1.0, calls));
        return c;
    }

    private ReportCase measured(
            String model, CaseLoad.Builder load, IdleConnections idle, double cpuUsPerRequest, double p50Us)
            throws IOException {
        String caseId = String.format("%02d-%s", ++next, model);
        CaseLoad built = load.build();
        long requests = built.requests();
        Percentiles p = new Percentiles(p50Us, p50Us, p50Us * 2, p50Us * 3, p50Us * 4, p50Us);
        CaseSummary summary = CaseSummary.from(LoadReport.builder()
                        .load(load.accounting(new RequestAccounting(requests, requests, 0, 0, 0, 0))
                                .build())
                        .latencyUs(new LatencyUs(p, p))
                        .idle(idle)
                        .build())
                .caseId(caseId)
                .model(model)
                .server(new ServerCost(0, 0, cpuUsPerRequest, 0, 0, 0.0, 1, 0, 0.0))
                .build();
        Path caseDir = dir.resolve(caseId);
        java.nio.file.Files.createDirectories(caseDir);
        RunResult.CaseEntry entry = new RunResult.CaseEntry(
                caseId, model, built.transport(), built.shape(), CaseStatus.MEASURED, true, List.of());
        return new ReportCase(entry, ReportStatus.VALID, List.of(), summary, caseDir);
    }

    private static ReportCase invalid(ReportCase c) {
        return new ReportCase(
                c.entry(), ReportStatus.INVALID, List.of("the generator fell behind"), c.summary(), c.caseDir());
    }

    private ReportCase failed(String model, String reason) {
        String caseId = String.format("%02d-%s", ++next, model);
        RunResult.CaseEntry entry =
                new RunResult.CaseEntry(caseId, model, "tcp", "closed", CaseStatus.FAILED, false, List.of(reason));
        return new ReportCase(entry, ReportStatus.FAILED, List.of(reason), null, dir.resolve(caseId));
    }
}
