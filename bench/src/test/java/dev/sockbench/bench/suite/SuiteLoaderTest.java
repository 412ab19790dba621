package dev.sockbench.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.options.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {
    private final TableCatalog catalog = new TableCatalog("blocking-platform", "nio-epoll", "netty-iouring")
            .skip("nio-epoll", Transport.UNIX_DGRAM, "n/a: the JDK has no Unix datagram channel")
            .skip("netty-iouring", Transport.TCP, "unavailable: io_uring is disabled by the kernel");
    private final SuiteLoader loader = new SuiteLoader(catalog);

    @Test
    void expandsModelsTimesTransportsModelMajorWithDefaultsApplied() {
        Suite suite = loader.parse("s", """
                description: two by two
                defaults:
                  warmup: 500ms
                  duration: 2s
                  payload: 1KiB
                cases:
                  - models: [nio-epoll, blocking-platform]
                    transports: [tcp, udp]
                    shape: open
                    rate: 5k
                    connections: 8
                """);

        assertThat(suite.name()).isEqualTo("s");
        assertThat(suite.description()).isEqualTo("two by two");
        assertThat(suite.cases())
                .extracting(SuiteCase::caseId)
                .containsExactly(
                        "01-nio-epoll-tcp-open-c8-r5k-p1KiB",
                        "02-nio-epoll-udp-open-c8-r5k-p1KiB",
                        "03-blocking-platform-tcp-open-c8-r5k-p1KiB",
                        "04-blocking-platform-udp-open-c8-r5k-p1KiB");
        LoadSpec load = suite.cases().get(0).load();
        assertThat(load.warmupNs()).isEqualTo(500_000_000L);
        assertThat(load.durationNs()).isEqualTo(2_000_000_000L);
        assertThat(load.options().payload()).isEqualTo(1024);
        assertThat(load.options().rate()).isEqualTo(5000.0);
        assertThat(load.options().connections()).isEqualTo(8);
        assertThat(load.framing()).isEqualTo(Framing.LENGTH);
        assertThat(suite.measured()).hasSize(4);
    }

    @Test
    void whatTheRunnerReliesOnIsPassedAsTheLoadGeneratorResolvesItAndTheRestIsLeftToIt() {
        Suite suite = loader.parse("s", "cases:\n  - {models: nio-epoll, transports: udp, shape: stream}");

        LoadSpec load = suite.cases().get(0).load();
        // Shape, framing, warm-up and duration: the generator's defaults, passed explicitly. The
        // payload and depth, whose defaults depend on the shape and transport, are left to it.
        assertThat(load.loadgenArgs())
                .containsExactly("--shape", "stream", "--duration", "10s", "--warmup", "3s", "--framing", "length");
        assertThat(suite.cases().get(0).loadNs()).isEqualTo(13_000_000_000L);
        assertThat(load.serverArgs()).containsExactly("--framing", "length");
    }

    @Test
    void allMeansEveryModelAndTransportAndCellsThatCannotRunAreSkippedWithTheirReason() {
        Suite suite = loader.parse("q", """
                cases:
                  - models: all
                    transports: all
                    shape: closed
                """);

        assertThat(suite.cases()).hasSize(3 * 4);
        assertThat(suite.cases().stream().map(SuiteCase::model).distinct())
                .containsExactly("blocking-platform", "nio-epoll", "netty-iouring");
        assertThat(suite.cases().stream().filter(SuiteCase::skipped))
                .extracting(c -> c.model() + " " + c.transport().id() + " " + c.skipReason())
                .containsExactly(
                        "nio-epoll unix-dgram n/a: the JDK has no Unix datagram channel",
                        "netty-iouring tcp unavailable: io_uring is disabled by the kernel");
        assertThat(suite.measured()).hasSize(10);
        // Case ids are unique and sort in suite order.
        List<String> ids = suite.cases().stream().map(SuiteCase::caseId).toList();
        assertThat(ids).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aCaseOverridesTheDefaultsAndOneIdNeedsNoList() {
        Suite suite = loader.parse("s", """
                defaults: {duration: 5s, warmup: 2s, shape: open, rate: 100}
                cases:
                  - {models: nio-epoll, transports: unix-stream, shape: idle, duration: 1s, framing: raw,
                     depth: 4, threads: 2, server-threads: 3, timeout: 250ms, slo: p99=1ms, arrival: poisson,
                     idle: 10, max-rate: 50k, step-factor: 1.5, refine: 0, seed: 7, catch-up: 2}
                """);

        LoadSpec load = suite.cases().get(0).load();
        assertThat(suite.cases().get(0).transport()).isEqualTo(Transport.UNIX_STREAM);
        assertThat(load.shape()).isEqualTo("idle");
        assertThat(load.durationNs()).isEqualTo(1_000_000_000L);
        assertThat(load.warmupNs()).isEqualTo(2_000_000_000L); // inherited
        assertThat(load.options().rate()).isEqualTo(100.0); // inherited
        assertThat(load.framing()).isEqualTo(Framing.RAW);
        assertThat(load.loadgenArgs())
                .containsSubsequence("--rate", "100")
                .containsSubsequence("--depth", "4")
                .containsSubsequence("--threads", "2")
                .containsSubsequence("--timeout", "250ms")
                .containsSubsequence("--slo", "p99=1ms")
                .containsSubsequence("--arrival", "poisson")
                .containsSubsequence("--idle", "10")
                .containsSubsequence("--max-rate", "50000")
                .containsSubsequence("--step-factor", "1.5")
                .containsSubsequence("--refine", "0")
                .containsSubsequence("--seed", "7")
                .containsSubsequence("--catch-up", "2");
        assertThat(load.serverArgs()).containsExactly("--framing", "raw", "--threads", "3");
    }

    @Test
    void badInputNamesTheSuiteTheCaseAndTheAcceptedValues() {
        assertBad(
                "cases:\n  - {models: nope, transports: tcp}", "suite 's' case 1", "unknown model 'nope'", "nio-epoll");
        assertBad(
                "cases:\n  - {models: all, transports: [tcp, sctp]}",
                "suite 's' case 1",
                "unknown transport 'sctp'",
                "unix-dgram");
        assertBad(
                "cases:\n  - {models: all, transports: tcp}\n  - {models: all, transports: tcp, shape: zigzag}",
                "suite 's' case 2",
                "unknown shape 'zigzag'",
                "closed, open");
        assertBad(
                "cases:\n  - {models: all, transports: tcp, duration: soon}",
                "--duration",
                "malformed duration 'soon'");
        assertBad("cases:\n  - {models: all, transports: tcp, rate: lots}", "--rate", "malformed rate 'lots'");
        assertBad("cases:\n  - {models: all, transports: tcp, shape: open, rate: 0}", "--rate must be > 0");
        assertBad("cases:\n  - {models: all, transports: tcp, connections: 0}", "--connections must be >= 1");
        assertBad("cases:\n  - {models: all, transports: tcp, step-factor: 1}", "--step-factor must be > 1");
        assertBad("cases:\n  - {models: all, transports: tcp, refine: -1}", "--refine", "malformed number '-1'");
        assertBad("cases:\n  - {models: all, transports: tcp, max-rate: 0}", "--max-rate must be > 0");
        assertBad("cases:\n  - {models: all, transports: tcp, framing: json}", "--framing", "unknown framing 'json'");
        assertBad("cases:\n  - {models: all, transports: tcp, rate: [1, 2]}", "case 1", "'rate' needs one value");
        assertBad("cases:\n  - {models: all, transports: tcp, server-threads: 0}", "server-threads must be at least 1");
        assertBad(
                "defaults: {warmup: never}\ncases:\n  - {models: all, transports: tcp}",
                "suite 's' defaults",
                "--warmup");
        assertBad(
                "cases:\n  - {models: all, transports: tcp, conections: 4}", "unknown key 'conections'", "connections");
        assertBad("cases:\n  - {transports: tcp}", "needs 'models'");
        assertBad("description: nothing", "has no cases");
        assertBad("cases: [", "not valid YAML");
        assertBad("defaults: {warmup: 1s}\ncase: []", "unknown key 'case'");
    }

    @Test
    void aCaseTheLoadGeneratorWouldRejectFailsWhenTheSuiteLoadsNamingTheCaseAndTheOption() throws Exception {
        // Used to load, and then fail in every cell once its server had started.
        Path file = Path.of(
                getClass().getResource("/suites-bad/closed-with-rate.yaml").toURI());

        assertThatThrownBy(() -> loader.load(file.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("suite 'closed-with-rate' case 2 on tcp: --rate does not apply to closed, a closed loop;"
                        + " use --shape open, sweep, idle for a rate");
    }

    @Test
    void whatTheLoadGeneratorRejectsOnOneTransportOnlyNamesTheTransport() {
        assertBad(
                "cases:\n  - {models: all, transports: [tcp, udp], shape: idle, idle: 10, rate: 1k}",
                "suite 's' case 1 on udp: idle needs a stream transport");
        assertBad(
                "cases:\n  - {models: all, transports: tcp, shape: closed, catch-up: 2}",
                "suite 's' case 1 on tcp: --catch-up does not apply to closed");
        assertBad("cases:\n  - {models: all, transports: tcp, payload: 8}", "case 1 on tcp: --payload 8 is smaller");
    }

    @Test
    void aSuiteIsPlainDataItsTagsMakeNoObjectAndItCannotChooseWhereResultsGo(@TempDir Path dir) {
        Path marker = dir.resolve("ran");
        // A YAML loader that built tagged objects would make (and a later step could start) a process.
        assertBad(
                "cases:\n  - {models: !!java.lang.ProcessBuilder [touch, " + marker + "], transports: tcp}",
                "unknown model 'touch'");
        assertThat(marker).doesNotExist();
        assertBad("out: /etc\ncases:\n  - {models: all, transports: tcp}", "unknown key 'out'");
        assertBad("cases:\n  - {models: all, transports: tcp, command: rm}", "unknown key 'command'");
    }

    private void assertBad(String yaml, String... fragments) {
        assertThatThrownBy(() -> loader.parse("s", yaml))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments).doesNotContain("\n"));
    }

    @Test
    void loadsTheBundledSuitesByName() {
        TableCatalog full = new TableCatalog("blocking-platform", "nio-epoll");
        SuiteLoader l = new SuiteLoader(full);

        Suite smoke = l.load("smoke");
        assertThat(smoke.name()).isEqualTo("smoke");
        assertThat(smoke.measured()).isNotEmpty();
        assertThat(smoke.cases()).allMatch(c -> c.transport() == Transport.TCP);
        assertThat(smoke.cases().stream().map(c -> c.load().shape()).distinct()).contains("closed", "open");
        assertThat(smoke.cases().stream().map(SuiteCase::model).distinct())
                .containsExactlyInAnyOrder("blocking-platform", "nio-epoll");

        // quick (names its models, so it loads against the real registry): a capacity search for
        // every model on each stream transport it serves, but the ffm-* models (the claims suite's;
        // they would take quick past its 3 minutes); a cell unavailable here is listed, as skipped.
        ServerModelsCatalog registry = new ServerModelsCatalog();
        Suite quick = new SuiteLoader(registry).load("quick");
        assertThat(quick.cases()).noneMatch(c -> c.model().startsWith("ffm-"));
        for (String model :
                registry.modelIds().stream().filter(m -> !m.startsWith("ffm-")).toList()) {
            for (Transport t : Transport.values()) {
                if (t.streamOriented()) {
                    assertThat(quick.cases())
                            .anyMatch(c -> c.model().equals(model)
                                    && c.transport() == t
                                    && c.load().shape().equals("capacity"));
                }
            }
        }

        // standard: capacity on every cell, idle connections to 10,000, payloads to 64 KiB.
        Suite standard = l.load("standard");
        for (String model : full.modelIds()) {
            for (Transport t : Transport.values()) {
                assertThat(standard.measured())
                        .anyMatch(c -> c.model().equals(model)
                                && c.transport() == t
                                && c.load().shape().equals("capacity"));
            }
        }
        assertThat(standard.measured().stream().map(SuiteCase::caseId))
                .anyMatch(id -> id.endsWith("-idle-c4-r5k-i10000"))
                .anyMatch(id -> id.endsWith("-closed-c8-p64KiB"));

        // full: every case three times, and more than standard.
        Suite fullSuite = l.load("full");
        assertThat(fullSuite.trials()).isEqualTo(3);
        assertThat(fullSuite.measured().size())
                .isGreaterThan(standard.measured().size());
    }

    @Test
    void theHandlersSuiteRunsEveryModelUnderEachHandlingAndOffloadsOnlyOnEventLoops() {
        Suite handlers = new SuiteLoader(new ServerModelsCatalog()).load("handlers");
        assertThat(handlers.cases())
                .allMatch(
                        c -> c.transport() == Transport.TCP && c.load().shape().equals("capacity"));
        assertThat(handlers.cases().stream()
                        .map(c -> String.join(" ", c.load().serverArgs()))
                        .distinct())
                .containsExactlyInAnyOrder(
                        "--framing length",
                        "--framing length --handler json",
                        "--framing length --handler protobuf",
                        "--framing length --work cpu=20us",
                        "--framing length --work block=2ms",
                        "--framing length --work block=2ms --offload 8");
        assertThat(handlers.cases().stream().map(SuiteCase::caseId))
                .anyMatch(id -> id.endsWith("-nio-epoll-tcp-capacity-c8-json"))
                .anyMatch(id -> id.endsWith("-netty-epoll-et-tcp-capacity-c8-block2ms-off8"));
        // The native reference serves the echo only: under a handler it is n/a, not a failure.
        assertThat(handlers.cases())
                .filteredOn(c -> c.model().equals("native-epoll")
                        && !c.load().options().handling().plainEcho())
                .hasSize(4)
                .allSatisfy(c -> assertThat(c.skipReason()).startsWith("n"));
        assertThat(handlers.cases())
                .filteredOn(c -> c.load().options().handling().offload() > 0)
                .hasSize(11)
                .allMatch(c -> !c.skipped() || c.skipReason().startsWith("unavailable"));
        // The ffm-* models serve every handling: none of their cases is n/a.
        assertThat(handlers.cases())
                .filteredOn(c -> c.model().startsWith("ffm-"))
                .hasSize(4 * 6)
                .allMatch(c -> !c.skipped() || c.skipReason().startsWith("unavailable"));
    }

    @Test
    void aBlockingModelWithOffloadIsNotApplicable() {
        Suite suite = new SuiteLoader(new ServerModelsCatalog())
                .parse("s", "cases:\n  - {models: blocking-virtual, transports: tcp, work: block=2ms, offload: 4}");
        assertThat(suite.cases().getFirst().skipReason())
                .isEqualTo(
                        "n/a: blocking-virtual runs each request on its connection's own thread; --offload applies to"
                                + " the event-loop models");
    }

    @Test
    void loadsASuiteFileNamedAfterTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "cases:\n  - {models: nio-epoll, transports: tcp}\n");

        Suite suite = loader.load(file.toString());

        assertThat(suite.name()).isEqualTo("mine");
        assertThat(suite.cases()).singleElement().extracting(SuiteCase::caseId).isEqualTo("01-nio-epoll-tcp-closed");
    }

    @Test
    void anUnknownSuiteNamesTheBundledOnes() {
        assertThatThrownBy(() -> loader.load("quik"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        "unknown suite 'quik'; accepted: smoke, quick, standard, full, claims, handlers, or the path of a suite .yaml file");
    }

    @Test
    void anAdHocRunExpandsAsTheSameSuiteWrittenInYaml() {
        LoadOptions options = LoadOptions.parse(
                List.of("--shape", "sweep", "--slo", "p99=500us", "-c", "32", "--duration", "2s", "--payload", "1KiB"));

        Suite adHoc = loader.parse(
                "ad-hoc",
                SuiteLoader.adHoc(List.of("nio-epoll", "blocking-platform"), List.of("tcp", "udp"), options, 4, 3));
        Suite written = loader.parse("ad-hoc", """
                trials: 3
                cases:
                  - models: [nio-epoll, blocking-platform]
                    transports: [tcp, udp]
                    shape: sweep
                    slo: p99=500us
                    connections: 32
                    duration: 2s
                    payload: 1KiB
                    server-threads: 4
                """);

        assertThat(adHoc.cases()).isEqualTo(written.cases());
        assertThat(adHoc.trials()).isEqualTo(3);
        assertThat(adHoc.cases().getFirst().caseId()).isEqualTo("01-nio-epoll-tcp-sweep-c32-p1KiB");
        assertThat(adHoc.cases().getFirst().load().serverArgs()).contains("--threads", "4");
        // Parsed again from its own text (what --resume does), it is the same suite.
        assertThat(loader.parse("ad-hoc", adHoc.source()).cases()).isEqualTo(adHoc.cases());
    }

    @Test
    void trialsAreAWholeNumberFromOneToTheLimit() {
        assertThat(loader.parse("s", "cases: [{models: nio-epoll, transports: tcp}]")
                        .trials())
                .isEqualTo(1);
        assertThat(loader.parse("s", "trials: 5\ncases: [{models: nio-epoll, transports: tcp}]")
                        .trials())
                .isEqualTo(5);
        for (String bad : List.of("0", "101", "2.5", "many")) {
            assertThatThrownBy(() ->
                            loader.parse("s", "trials: " + bad + "\ncases: [{models: nio-epoll, transports: tcp}]"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("suite 's': 'trials' must be a whole number from 1 to 100, got '" + bad + "'");
        }
    }
}
