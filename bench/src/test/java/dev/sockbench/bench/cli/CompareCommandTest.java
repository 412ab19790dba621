package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sockbench compare}: the exit code is the gate. */
class CompareCommandTest {
    @TempDir
    static Path dir;

    static Path baseline;

    @BeforeAll
    static void baseline() throws Exception {
        baseline = dir.resolve("baseline");
        TestRuns.write(
                baseline,
                "baseline",
                List.of(
                        TestRuns.closed("01-nio-epoll-tcp", "nio-epoll", "tcp", 150_000, 40, 90, 6.0),
                        TestRuns.closed("02-nio-poll-tcp", "nio-poll", "tcp", 120_000, 45, 110, 7.5)));
    }

    private static CliRun compare(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(SockbenchMain.commandLine(), all);
    }

    @Test
    void aRunAgainstItselfPasses() throws Exception {
        Path junit = dir.resolve("self.xml");
        CliRun cli = compare(baseline.toString(), baseline.toString(), "--junit", junit.toString());

        assertThat(cli.exit()).as(cli.err()).isEqualTo(Cli.EXIT_OK);
        assertThat(cli.out()).contains("no regression beyond 10% in 2 matched cases");
        Path page = baseline.resolve("compare").resolve("compare.html");
        assertThat(cli.out().strip()).endsWith(page.toString());
        assertThat(page).isRegularFile();
        assertThat(Files.readString(junit)).contains("tests=\"2\" failures=\"0\"");
    }

    @Test
    void aSyntheticRegressionFails() throws Exception {
        Path worse = dir.resolve("worse");
        TestRuns.regressed(baseline, worse, 3.0, 3.0);
        Path junit = dir.resolve("worse.xml");
        Path out = dir.resolve("out");

        CliRun cli = compare(
                baseline.toString(),
                worse.toString(),
                "--threshold",
                "10%",
                "--junit",
                junit.toString(),
                "--out",
                out.toString());

        assertThat(cli.exit()).as(cli.err()).isEqualTo(Cli.EXIT_INVALID);
        assertThat(cli.out())
                .contains("REGRESSED nio-epoll · tcp · closed")
                .contains("rate -66.7% (150,000 → 50,000 req/s)")
                .contains("p99 +200.0% (90.0 → 270.0 µs)")
                .contains("2 of 2 matched cases regressed beyond 10%");
        assertThat(out.resolve("compare.html")).isRegularFile();
        assertThat(Files.readString(junit)).contains("tests=\"2\" failures=\"2\"");
    }

    @Test
    void aRegressionWithinTheThresholdPasses() throws Exception {
        Path worse = dir.resolve("slightly-worse");
        TestRuns.regressed(baseline, worse, 1.05, 1.05);

        assertThat(compare(baseline.toString(), worse.toString()).exit()).isEqualTo(Cli.EXIT_OK);
        assertThat(compare(baseline.toString(), worse.toString(), "--threshold", "2%")
                        .exit())
                .isEqualTo(Cli.EXIT_INVALID);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun notARun = compare(dir.resolve("nowhere").toString(), baseline.toString());
        CliRun badThreshold = compare(baseline.toString(), baseline.toString(), "--threshold", "lots");

        assertThat(notARun.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(notARun.err().lines()).singleElement().asString().contains("nowhere");
        assertThat(badThreshold.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(badThreshold.err().lines()).singleElement().asString().contains("--threshold");
    }
}
