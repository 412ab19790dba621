package dev.sockbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results folder the run cannot write: one line, exit 2. Refused before anything runs when no
 * file can be made there; when the disk fills up during the run or its report (a 64 KiB tmpfs,
 * mounted by the test when it runs as root), the run stops with one line and every result file in
 * it is whole.
 */
@Timeout(300)
class ResultsFolderIT {
    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aFolderThatCannotBeMadeIsOneLineAndExitTwoBeforeAnythingRuns() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "not a folder");
        SockbenchCliIT.Run run = SockbenchCliIT.sockbench(
                "run",
                "--suite",
                SockbenchCliIT.tinySuite().toString(),
                "--out",
                file.resolve("results").toString());

        assertThat(run.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(run.err()).singleElement().asString().startsWith("sockbench: cannot write results in ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aReadOnlyFolderIsOneLineAndExitTwoBeforeAnythingRuns() throws Exception {
        Path readOnly = mount("ro,size=64k");
        SockbenchCliIT.Run run = SockbenchCliIT.sockbench(
                "run", "--suite", SockbenchCliIT.tinySuite().toString(), "--out", readOnly.toString());

        assertThat(run.exit()).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(run.err())
                .singleElement()
                .asString()
                .startsWith("sockbench: cannot write results in " + readOnly)
                .contains("Read-only file system");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDiskThatFillsUpStopsTheRunWithOneLineAndNothingHalfWritten() throws Exception {
        Path small = mount("size=64k");
        SockbenchCliIT.Run run = SockbenchCliIT.sockbench(
                "run", "--suite", SockbenchCliIT.tinySuite().toString(), "--out", small.toString());

        assertThat(run.exit()).as("stdout %s%nstderr %s", run.out(), run.err()).isEqualTo(Cli.EXIT_BAD_INPUT);
        List<String> said =
                run.err().stream().filter(l -> l.startsWith("sockbench: ")).toList();
        assertThat(said)
                .as("stderr %s", run.err())
                .singleElement()
                .asString()
                .matches("sockbench: cannot write the (results|report) in " + small + ".*")
                .contains("No space left on device");
        try (Stream<Path> files = Files.walk(small)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(f.getFileName().toString())
                        .as("a temporary file left behind")
                        .doesNotEndWith(".tmp");
                if (f.getFileName().toString().equals(ResultFiles.RUN_FILE)) {
                    ResultFiles.readRun(f.getParent()); // whole: it parses
                } else if (f.getFileName().toString().equals(ResultFiles.SUMMARY_FILE)) {
                    ResultFiles.readSummary(f);
                }
            }
        }
    }

    /** A fresh tmpfs with {@code options}; the test is skipped when it cannot mount (not root). */
    private Path mount(String options) throws IOException, InterruptedException {
        Path at = Files.createDirectory(dir.resolve("mnt"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here (root only): " + output);
        mounted = at;
        return at;
    }
}
