package dev.sockbench.report.claims;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.SyscallCounts;
import dev.sockbench.report.cases.ReportCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * One measured case as a claim reads it: its figures, and whether strace was attached (then only
 * its system-call counts mean something: the traced server is slowed down).
 */
record Evidence(ReportCase c, Optional<SyscallCounts> syscalls) {

    static Evidence of(ReportCase c) {
        try {
            return new Evidence(c, SyscallCounts.read(c.caseDir()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the system-call counts of " + c.caseId(), e);
        }
    }

    CaseSummary s() {
        return c.summary();
    }

    String model() {
        return c.model();
    }

    String transport() {
        return c.transport();
    }

    String shape() {
        return s().load().shape();
    }

    boolean traced() {
        return syscalls.isPresent();
    }

    boolean valid() {
        return c.status() == dev.sockbench.report.cases.ReportStatus.VALID;
    }

    int connections() {
        return s().load().connections();
    }

    int payloadBytes() {
        return s().load().payloadBytes();
    }

    /** Idle connections requested; 0 outside the idle shape. */
    int idle() {
        return s().idle() == null ? 0 : s().idle().requested();
    }

    Double targetRate() {
        return s().load().targetRatePerSec();
    }

    double rate() {
        return s().load().achievedRatePerSec();
    }

    Double cpuPerRequest() {
        return s().server() == null ? null : s().server().cpuUsPerRequest();
    }

    Double p50() {
        return s().latencyUs().corrected().p50();
    }

    Double p99() {
        return s().latencyUs().corrected().p99();
    }

    long intended() {
        return s().load().accounting() == null ? 0 : s().load().accounting().intended();
    }

    long answered() {
        return s().load().accounting() == null ? 0 : s().load().accounting().answered();
    }
}
