package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sockbench.core.JvmFlags;
import dev.sockbench.core.result.ResultFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native part that does not load makes its cells {@code unavailable} with the cause, and the
 * rest of the matrix stands: {@code list --json} in a JVM where it cannot load, compared with the
 * matrix of this JVM, where everything loads ({@link ListCommandTest} pins that one).
 */
@Timeout(120)
class ListCommandIT {
    @TempDir
    Path dir;

    @Test
    void nettyWithoutItsNativeLibraryIsUnavailableWithTheCause() throws Exception {
        Map<String, Map<String, String>> cells = listJson(JvmFlags.ALL, "-Dio.netty.transport.noNative=true");

        Predicate<String> netty = cell -> cell.startsWith("netty-");
        assertThat(changedCells(cells))
                .as("the Netty cells a library serves, no other")
                .containsOnlyKeys(servedCells(netty))
                .allSatisfy((cell, row) -> {
                    assertThat(row.get("status")).as(cell).isEqualTo("unavailable");
                    assertThat(row.get("reason"))
                            .as(cell)
                            .isEqualTo("UnsupportedOperationException: Native transport was explicit disabled"
                                    + " with -Dio.netty.transport.noNative=true");
                });
    }

    @Test
    void nioPollWithoutTheExportOfItsSelectorIsUnavailableWithTheCause() throws Exception {
        List<String> withoutExport = JvmFlags.ALL.stream()
                .filter(f -> !f.startsWith("--add-exports"))
                .toList();
        Map<String, Map<String, String>> cells = listJson(withoutExport);

        // Its Unix datagram cell runs on junixsocket's own selector and needs no export.
        assertThat(changedCells(cells))
                .containsOnlyKeys("nio-poll/tcp", "nio-poll/udp", "nio-poll/unix-stream")
                .allSatisfy((cell, row) -> {
                    assertThat(row.get("status")).as(cell).isEqualTo("unavailable");
                    assertThat(row.get("reason"))
                            .as(cell)
                            .startsWith("IllegalAccessException: ")
                            .contains("sun.nio.ch.PollSelectorProvider")
                            .contains("does not export sun.nio.ch");
                });
    }

    /** The cells whose status or reason differs from this JVM's matrix. */
    private static Map<String, Map<String, String>> changedCells(Map<String, Map<String, String>> cells) {
        Map<String, Map<String, String>> here = new LinkedHashMap<>();
        for (Cell c : ServerModels.cells()) {
            here.put(
                    c.model() + "/" + c.transport().id(),
                    Map.of("status", c.status().id(), "reason", c.reason()));
        }
        assertThat(cells).containsOnlyKeys(here.keySet());
        Map<String, Map<String, String>> changed = new LinkedHashMap<>();
        cells.forEach((cell, row) -> {
            if (!row.get("status").equals(here.get(cell).get("status"))
                    || !row.get("reason").equals(here.get(cell).get("reason"))) {
                changed.put(cell, row);
            }
        });
        return changed;
    }

    /** The cells a library serves (ok or unavailable, not n/a), among {@code which}. */
    private static String[] servedCells(Predicate<String> which) {
        return ServerModels.cells().stream()
                .filter(c -> c.status() != Cell.Status.NA)
                .map(c -> c.model() + "/" + c.transport().id())
                .filter(which)
                .toArray(String[]::new);
    }

    /** {@code list --json} in its own JVM with these flags; exit 0 and nothing on stderr. */
    private Map<String, Map<String, String>> listJson(List<String> jvmFlags, String... properties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ListCommand.class.getName(), "--json"));
        Path out = dir.resolve("out.json");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("list ended").isTrue();
        assertThat(p.exitValue())
                .as("exit code; stderr: %s", Files.readString(err))
                .isZero();
        assertThat(Files.readString(err)).as("stderr").isEmpty();
        List<Map<String, String>> rows = ResultFiles.mapper().readValue(out.toFile(), new TypeReference<>() {});
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        rows.forEach(r -> cells.put(r.get("model") + "/" + r.get("transport"), r));
        return cells;
    }
}
