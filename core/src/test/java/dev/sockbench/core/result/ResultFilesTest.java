package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

    @Test
    void resultFilesAreWholeAndReadableByOthers(@TempDir Path dir) throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class));
        Path json = dir.resolve("a/summary.json");
        Path hlog = dir.resolve("a/latency.hlog");

        ResultFiles.writeJson(json, GoldenFixtures.summary());
        try (LatencyLog log = LatencyLog.create(hlog, 0L)) {
            log.write(LatencyLog.CORRECTED, GoldenFixtures.correctedInterval(0));
        }

        assertThat(Files.getPosixFilePermissions(json)).contains(PosixFilePermission.OTHERS_READ);
        assertThat(Files.getPosixFilePermissions(hlog)).contains(PosixFilePermission.OTHERS_READ);
        try (Stream<Path> files = Files.list(dir.resolve("a"))) {
            assertThat(files).as("no temporary file left").containsExactlyInAnyOrder(json, hlog);
        }
    }
}
