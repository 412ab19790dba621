package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.transport.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sockbench list} on this machine: Linux, JDK 25, a 6.x kernel. The expected matrix is the
 * README's, written out here, not read from the registry under test: every cell is {@code ok}
 * except the seven no library serves ({@code n/a}); {@code netty-iouring}'s two cells are {@code
 * ok} where the kernel creates an io_uring for this process ({@link KernelIoUring} asks it
 * directly) and {@code unavailable}, with the cause, where it refuses.
 */
class ListCommandTest {
    private static final List<String> MODEL_IDS = List.of(
            "blocking-platform",
            "blocking-virtual",
            "blocking-pool",
            "nio-epoll",
            "nio-poll",
            "nio-multi",
            "netty-epoll-et",
            "netty-epoll-lt",
            "netty-iouring",
            "nio2-async",
            "ffm-select",
            "ffm-poll",
            "ffm-epoll-lt",
            "ffm-epoll-et",
            "native-epoll");

    /** The cells no library can serve. */
    private static final Set<String> NOT_APPLICABLE = Set.of(
            "nio-epoll/unix-dgram",
            "nio-multi/unix-dgram",
            "netty-iouring/unix-stream",
            "netty-iouring/unix-dgram",
            "nio2-async/udp",
            "nio2-async/unix-stream",
            "nio2-async/unix-dgram",
            "native-epoll/unix-dgram");

    /** The native reference builds where the PATH has a C compiler. */
    private static final boolean C_COMPILER = java.util.Arrays.stream(
                    System.getenv().getOrDefault("PATH", "").split(":"))
            .anyMatch(dir -> Stream.of("cc", "gcc", "clang")
                    .anyMatch(cc -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, cc))));

    private static String expectedStatus(String model, Transport transport) {
        if (NOT_APPLICABLE.contains(model + "/" + transport.id())) {
            return "n/a";
        }
        if (model.equals("native-epoll")) {
            return C_COMPILER ? "ok" : "unavailable";
        }
        if (model.equals("netty-iouring")) {
            return KernelIoUring.permitted() ? "ok" : "unavailable";
        }
        return "ok";
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Cli.commandLine(new ListCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void jsonIsThisMachinesMatrixCellByCellInModelOrder() throws Exception {
        List<Map<String, String>> rows = ResultFiles.mapper().readValue(run("--json"), new TypeReference<>() {});

        List<String> expected = new ArrayList<>();
        for (String model : MODEL_IDS) {
            for (Transport t : Transport.values()) {
                expected.add(model + "/" + t.id() + "=" + expectedStatus(model, t));
            }
        }
        assertThat(rows)
                .extracting(r -> r.get("model") + "/" + r.get("transport") + "=" + r.get("status"))
                .as(KernelIoUring.describe())
                .containsExactlyElementsOf(expected);
        for (Map<String, String> row : rows) {
            String cell = row.get("model") + "/" + row.get("transport");
            assertThat(row).containsOnlyKeys("model", "transport", "status", "reason");
            switch (row.get("status")) {
                case "ok" -> assertThat(row.get("reason")).as(cell).isEmpty();
                case "n/a" ->
                    assertThat(row.get("reason")).as(cell).isNotBlank().doesNotContain("\n");
                // io_uring: the cause is the exception Netty gave, by type; the native reference: no compiler.
                default ->
                    assertThat(row.get("reason")).as(cell).matches("\\w+(Exception|Error)(: .*)?|no C compiler .*");
            }
        }
    }

    @Test
    void tableHasThisMachinesRowsAndOneNumberedNotePerDistinctReason() {
        String table = run();
        List<String> lines = table.lines().toList();
        assertThat(lines.getFirst().split("\\s+")).containsExactly("model", "tcp", "udp", "unix-stream", "unix-dgram");

        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String model : MODEL_IDS) {
            String row = lines.stream()
                    .filter(line -> line.startsWith(model + " "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + model + " in\n" + table));
            List<String> fields = List.of(row.split("\\s{2,}"));
            assertThat(fields).as(row).hasSize(1 + Transport.values().length);
            for (Transport t : Transport.values()) {
                String field = fields.get(1 + t.ordinal());
                String status = expectedStatus(model, t);
                assertThat(field)
                        .as(model + " × " + t.id())
                        .matches(status.equals("ok") ? "ok" : Pattern.quote(status) + " \\[\\d+]");
            }
            rows.put(model, fields);
        }
        // Cells that share a reason share its note; different reasons get different notes.
        assertThat(rows.get("netty-iouring").get(3))
                .isEqualTo(rows.get("netty-iouring").get(4));
        assertThat(new HashSet<>(rows.get("nio2-async").subList(2, 5))).hasSize(3);
        List<String> notes =
                lines.stream().filter(line -> line.matches("\\[\\d+] .*")).toList();
        int distinctReasons = 7 + (KernelIoUring.permitted() ? 0 : 1) + (C_COMPILER ? 0 : 1);
        assertThat(notes).hasSize(distinctReasons);
        for (int i = 0; i < notes.size(); i++) {
            assertThat(notes.get(i))
                    .startsWith("[" + (i + 1) + "] ")
                    .containsPattern("^\\[\\d+] (n/a|unavailable): .+");
        }
        int ok = 52 - (KernelIoUring.permitted() ? 0 : 2) - (C_COMPILER ? 0 : 3);
        assertThat(table).contains(ok + " of " + MODEL_IDS.size() * Transport.values().length + " cells ok.");
    }
}
