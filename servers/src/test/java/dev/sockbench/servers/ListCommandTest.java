package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.transport.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
            "nio2-async");

    /** The cells no library can serve; everything else is ok or, where a native part fails, unavailable. */
    private static final Set<String> NOT_APPLICABLE = Set.of(
            "nio-epoll/unix-dgram",
            "nio-multi/unix-dgram",
            "netty-iouring/unix-stream",
            "netty-iouring/unix-dgram",
            "nio2-async/udp",
            "nio2-async/unix-stream",
            "nio2-async/unix-dgram");

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Cli.commandLine(new ListCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void jsonHasEveryModelTimesEveryTransportWithAReasonWhereNotOk() throws Exception {
        List<Map<String, String>> rows = ResultFiles.mapper().readValue(run("--json"), new TypeReference<>() {});
        assertThat(rows).hasSize(MODEL_IDS.size() * Transport.values().length);
        assertThat(rows.stream().map(r -> r.get("model")).distinct().toList()).isEqualTo(MODEL_IDS);
        for (Map<String, String> row : rows) {
            assertThat(row).containsOnlyKeys("model", "transport", "status", "reason");
            String cell = row.get("model") + "/" + row.get("transport");
            assertThat(Transport.fromId(row.get("transport"))).isNotNull();
            if (NOT_APPLICABLE.contains(cell)) {
                assertThat(row.get("status")).as(cell).isEqualTo("n/a");
            } else {
                assertThat(row.get("status")).as(cell).isIn("ok", "unavailable");
            }
            if (row.get("status").equals("ok")) {
                assertThat(row.get("reason")).as(cell).isEmpty();
            } else {
                assertThat(row.get("reason")).as(cell).isNotBlank();
            }
        }
    }

    @Test
    void jsonAgreesWithTheRegistry() throws Exception {
        List<Map<String, String>> rows = ResultFiles.mapper().readValue(run("--json"), new TypeReference<>() {});
        List<String> fromJson = rows.stream()
                .map(r -> r.get("model") + "/" + r.get("transport") + "=" + r.get("status"))
                .toList();
        List<String> fromRegistry = ServerModels.cells().stream()
                .map(c ->
                        c.model() + "/" + c.transport().id() + "=" + c.status().id())
                .toList();
        assertThat(fromJson).isEqualTo(fromRegistry);
    }

    @Test
    void tableShowsEveryModelAndTransportAndEachReasonAsANote() {
        String table = run();
        List<String> lines = table.lines().toList();
        assertThat(lines.getFirst()).startsWith("model").contains("tcp", "udp", "unix-stream", "unix-dgram");
        for (String id : MODEL_IDS) {
            assertThat(lines).anyMatch(line -> line.startsWith(id + " "));
        }
        List<Cell> notOk = ServerModels.cells().stream().filter(c -> !c.ok()).toList();
        Set<String> notes = notOk.stream().map(Cell::describe).collect(Collectors.toSet());
        for (String note : notes) {
            assertThat(lines).anyMatch(line -> line.matches("\\[\\d+] .*") && line.endsWith(note));
        }
        long ok = ServerModels.cells().stream().filter(Cell::ok).count();
        assertThat(table).contains(ok + " of " + ServerModels.cells().size() + " cells ok.");
    }

    @Test
    void theMatrixServesAtLeastThirtyCellsWhereEpollAndJunixsocketLoad() {
        // 33 cells have a library; on a Linux machine where only io_uring is blocked, 31 remain.
        long supported = ServerModels.cells().stream()
                .filter(c -> c.status() != Cell.Status.NA)
                .count();
        assertThat(supported).isEqualTo(MODEL_IDS.size() * Transport.values().length - NOT_APPLICABLE.size());
    }
}
