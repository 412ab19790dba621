package dev.sockbench.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.transport.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled {@code claims} suite against the real registry: every claim's cases are there (the
 * test-only non-draining models found by id), and {@code syscalls: true} marks the traced cases.
 */
class ClaimsSuiteTest {
    private final SuiteLoader loader = new SuiteLoader(new ServerModelsCatalog());

    @Test
    void everyClaimHasItsCases() {
        Suite claims = loader.load("claims");
        List<SuiteCase> cases = claims.cases();

        assertThat(cases)
                .filteredOn(c -> c.load().shape().equals("idle") && c.model().equals("ffm-poll"))
                .extracting(c -> c.load().options().idle())
                .containsExactly(16, 256, 900, 3000, 10000);
        assertThat(cases)
                .filteredOn(
                        c -> c.model().equals("ffm-select") && c.load().shape().equals("idle"))
                .allMatch(c -> c.load().options().idle() < 1024);
        assertThat(cases)
                .filteredOn(c -> c.model().equals("blocking-platform")
                        && c.load().shape().equals("closed"))
                .extracting(c -> c.load().options().connections())
                .contains(1, 4, 16, 64, 256);
        assertThat(cases).anyMatch(c -> c.model().equals("blocking-pool"));
        assertThat(cases).extracting(SuiteCase::model).contains("ffm-epoll-et-nodrain", "ffm-epoll-lt-nodrain");
        assertThat(cases)
                .filteredOn(c ->
                        c.model().equals("ffm-epoll-lt") && c.load().shape().equals("open"))
                .extracting(SuiteCase::transport)
                .containsExactlyInAnyOrder(Transport.values());
        assertThat(cases)
                .filteredOn(c -> c.load().countSyscalls())
                .isNotEmpty()
                .allMatch(c -> c.caseId().endsWith("-closed-c1-strace"))
                .extracting(SuiteCase::model)
                .contains("blocking-platform", "ffm-epoll-lt");
        assertThat(cases).filteredOn(c -> !c.load().countSyscalls()).noneMatch(c -> c.caseId()
                .contains("strace"));
    }

    @Test
    void syscallsIsTrueOrFalse() {
        assertThatThrownBy(() ->
                        loader.parse("s", "cases:\n  - {models: nio-epoll, transports: tcp, syscalls: yes-please}"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'syscalls' must be true or false");
        assertThat(loader.parse("s", "cases:\n  - {models: nio-epoll, transports: tcp, syscalls: false}")
                        .cases()
                        .getFirst()
                        .load()
                        .countSyscalls())
                .isFalse();
    }
}
