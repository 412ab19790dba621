package dev.sockbench.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** strace -c's table, as strace 6 prints it: rows with and without errors, the total left out. */
class SyscallCounterTest {
    @Test
    void parsesCallsPerSystemCall() {
        List<String> table = List.of(
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                " 41.88    0.000299           5     14706         4 epoll_wait",
                " 12.75    0.000091           4     14706           read",
                "  0.42    0.000003           3         1           write",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.000393                 29413         4 total");

        assertThat(SyscallCounter.parse(table))
                .containsExactly(
                        java.util.Map.entry("epoll_wait", 14706L),
                        java.util.Map.entry("read", 14706L),
                        java.util.Map.entry("write", 1L));
    }
}
