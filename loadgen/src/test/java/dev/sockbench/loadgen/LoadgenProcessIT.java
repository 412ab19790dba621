package dev.sockbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.JvmFlags;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.loadgen.testserver.StreamEchoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator as its own process, as the suite runner starts it. */
class LoadgenProcessIT {

    @Test
    void sigtermEndsTheMeasuredIntervalAndTheDataSoFarIsWritten(@TempDir Path dir) throws Exception {
        try (StreamEchoServer server = StreamEchoServer.tcp()) {
            Path json = dir.resolve("summary.json");
            Path hlog = dir.resolve("latency.hlog");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JvmFlags.ALL);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadgenMain.class.getName()));
            command.addAll(List.of(
                    "--target", server.endpoint().toString(),
                    "-s", "open",
                    "-R", "500",
                    "-c", "2",
                    "-d", "60s",
                    "--warmup", "200ms",
                    "--json", json.toString(),
                    "--hlog", hlog.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            List<String> stdout = new ArrayList<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    stdout.add(line);
                    if (line.equals("PHASE measure")) {
                        // SIGTERM; through the handle, so our end of its stdout stays open.
                        process.toHandle().destroy();
                    }
                }
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stdout).contains("PHASE warmup", "PHASE measure", "PHASE done");

            CaseSummary summary = ResultFiles.readSummary(json);
            assertThat(summary.valid()).isFalse();
            assertThat(summary.invalidReasons()).anyMatch(r -> r.startsWith("interrupted "));
            assertThat(summary.durationSec()).isLessThan(60);
            // In-flight requests at the stop are not counted as errors: the server did nothing wrong.
            assertThat(summary.errors().total()).isZero();
            assertThat(LatencyLog.readTotals(hlog)).containsKey(LatencyLog.CORRECTED);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("no temporary file left")
                        .noneMatch(n -> n.endsWith(".tmp"));
            }
        }
    }
}
