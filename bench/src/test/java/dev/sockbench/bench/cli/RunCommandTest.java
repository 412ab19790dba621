package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.suite.TableCatalog;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.RunResult.CaseEntry;
import dev.sockbench.core.result.TestRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    private static CliRun run(String... args) {
        RunCommand command = new RunCommand(() -> new TableCatalog("blocking-platform", "nio-epoll"), runDir -> {
            throw new AssertionError("nothing may run on bad input");
        });
        return CliRun.of(Cli.commandLine(command), args);
    }

    /** Exit 2, nothing on stdout, exactly one line on stderr containing {@code fragments}. */
    private static void assertBadInput(CliRun run, String... fragments) {
        assertThat(run.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .startsWith("sockbench: ")
                .contains(fragments);
    }

    @Test
    void anUnknownSuiteIsBadInput(@TempDir Path out) {
        assertBadInput(
                run("--suite", "quik", "--out", out.toString()),
                "unknown suite 'quik'; accepted: smoke, quick, standard, full, claims, handlers, or the path of a suite .yaml file");
    }

    @Test
    void aSuiteFileWithAnUnknownIdOrAMalformedValueIsBadInput(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"{models: nginx, transports: tcp}", "unknown model 'nginx'; accepted: blocking-platform, nio-epoll"},
            {"{models: all, transports: sctp}", "unknown transport 'sctp'; accepted: tcp, udp, unix-stream, unix-dgram"
            },
            {
                "{models: all, transports: tcp, shape: zigzag}",
                "unknown shape 'zigzag'; accepted: ping-pong, closed, open"
            },
            {"{models: all, transports: tcp, duration: 10 parsecs}", "malformed duration '10 parsecs'"},
            {"{models: all, transports: tcp, rate: fast}", "malformed rate 'fast'"},
        };
        for (String[] c : cases) {
            Path file = dir.resolve("bad.yaml");
            Files.writeString(file, "cases:\n  - " + c[0] + "\n");
            assertBadInput(
                    run("--suite", file.toString(), "--out", dir.resolve("out").toString()),
                    "suite 'bad' case 1",
                    c[1]);
        }
        assertThat(dir.resolve("out")).doesNotExist(); // nothing was started
    }

    @Test
    void anAdHocRunWithAnUnknownModelTransportOrOptionIsBadInput(@TempDir Path out) {
        String o = out.toString();
        assertBadInput(
                run("--models", "nio-epoll,nginx", "--transports", "tcp", "--out", o),
                "unknown model 'nginx'; accepted: blocking-platform, nio-epoll");
        assertBadInput(
                run("--models", "nio-epoll", "--transports", "tcp,sctp", "--out", o),
                "unknown transport 'sctp'; accepted: tcp, udp, unix-stream, unix-dgram");
        assertBadInput(run("--models", "nio-epoll", "--rate", "fast", "--out", o), "rate", "fast");
        assertBadInput(
                run("--models", "nio-epoll", "--shape", "closed", "--rate", "5k", "--out", o), "--rate does not apply");
        assertBadInput(run("--models", "nio-epoll", "--frobnicate", "--out", o), "--frobnicate");
        assertBadInput(run("--suite", "smoke", "--models", "nio-epoll", "--out", o), "--suite and the ad-hoc options");
        assertBadInput(run("--suite", "smoke", "-c", "4", "--out", o), "--suite and the ad-hoc options");
        assertBadInput(run("--models", "nio-epoll", "--trials", "0", "--out", o), "--trials must be 1 to 100, got 0");
        assertThat(out).isEmptyDirectory(); // nothing was started
    }

    @Test
    void resumeTakesOnlyARunFolder(@TempDir Path out) throws Exception {
        String o = out.toString();
        assertBadInput(run("--resume", o, "--suite", "smoke"), "--resume completes a run as it was started");
        assertBadInput(run("--resume", o, "--trials", "3"), "--resume completes a run as it was started");
        assertBadInput(run("--resume", o, "--models", "nio-epoll"), "--resume completes a run as it was started");
        assertBadInput(run("--resume", out.resolve("nope").toString()), "cannot resume " + out.resolve("nope"));
        assertBadInput(run("--resume", o), "cannot resume " + out);
    }

    @Test
    void aRunAcrossHostsIsNotResumed(@TempDir Path runDir) throws Exception {
        TestRuns.write(runDir, "spread", List.of());
        TestRuns.acrossHosts(runDir, List.of(new Environment.Host("h1", "10.0.0.2:5701", null)));
        assertBadInput(run("--resume", runDir.toString()), "a run across a cluster cannot be resumed");
    }

    @Test
    void anOutThatIsAFileIsBadInput(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("results"), "not a folder");

        assertBadInput(run("--suite", "smoke", "--out", file.toString()), "--out " + file + " is a file");
    }

    @Test
    void aRunAcrossHostsWithAMissingOrUnsafePieceIsOneLineOfBadInput(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("cluster.key");
        Files.write(key, new byte[32]);
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path shared = dir.resolve("shared.key");
        Files.write(shared, new byte[32]);
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        String out = dir.resolve("out").toString();
        String[] cluster = {"--cluster", "lab", "--members", "127.0.0.1:1", "--interface", "127.0.0.1"};
        String[] adHoc = {"--models", "nio-epoll", "--transports", "tcp", "--out", out};

        assertBadInput(
                run(concat(new String[] {"--server-on", "h0", "--load-on", "h1"}, adHoc)),
                "a placement runs across a cluster");
        assertBadInput(
                run(concat(cluster, new String[] {"--key-file", key.toString()}, adHoc)),
                "the cluster options need a placement");
        String[] placed = {"--server-on", "h0", "--load-on", "h1,h2"};
        assertBadInput(
                run(concat(cluster, new String[] {"--key-file", shared.toString()}, placed, adHoc)),
                "readable by others",
                "chmod 600");
        assertBadInput(run(concat(cluster, placed, adHoc)), "--key-file FILE is required");
        assertBadInput(
                run(concat(cluster, new String[] {"--key-file", key.toString(), "-c", "1"}, placed, adHoc)),
                "1 connections cannot be split over 2 load agents");
        assertBadInput(
                run(concat(cluster, new String[] {"--key-file", key.toString()}, placed, new String[] {
                    "--models", "nio-epoll", "--transports", "unix-stream", "--out", out
                })),
                "cannot cross hosts");
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void anUnknownOptionIsBadInput() {
        assertBadInput(run("--suit", "quick"), "--suit");
    }

    @Test
    void latestIsASymlinkToTheRunReplacedEachTime(@TempDir Path out) throws Exception {
        Path first = Files.createDirectory(out.resolve("2026-01-01T00-00-00-quick"));
        Path second = Files.createDirectory(out.resolve("2026-01-01T00-01-00-quick"));
        StringWriter err = new StringWriter();

        RunCommand.pointLatestAt(first, new PrintWriter(err, true));
        assertThat(Files.readSymbolicLink(out.resolve("latest")))
                .isEqualTo(Path.of(first.getFileName().toString()));
        RunCommand.pointLatestAt(second, new PrintWriter(err, true));

        // Relative, so the results folder can be moved; the old run is untouched.
        assertThat(Files.readSymbolicLink(out.resolve("latest")))
                .isEqualTo(Path.of(second.getFileName().toString()));
        assertThat(out.resolve("latest").toRealPath()).isEqualTo(second.toRealPath());
        assertThat(first).isDirectory();
        assertThat(err.toString()).isEmpty();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "latest",
                            first.getFileName().toString(),
                            second.getFileName().toString());
        }
    }

    @Test
    void tallyCountsEveryStatus() {
        List<CaseEntry> cases = List.of(
                entry(CaseStatus.MEASURED, true),
                entry(CaseStatus.MEASURED, false),
                entry(CaseStatus.FAILED, false),
                entry(CaseStatus.SKIPPED, false),
                entry(CaseStatus.PENDING, false));

        assertThat(RunCommand.tally(cases))
                .isEqualTo("2 measured (1 valid, 1 invalid), 1 failed, 1 skipped, 1 not run");
    }

    private static CaseEntry entry(CaseStatus status, boolean valid) {
        return new CaseEntry("id", "m", "tcp", "closed", status, valid, List.of());
    }
}
