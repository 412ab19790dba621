package dev.sockbench.servers;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sockbench.core.cli.Cli;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.server.ServerModel;
import dev.sockbench.core.transport.Transport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sockbench list}: the model × transport matrix of this machine. Each cell is {@code ok},
 * {@code n/a} (no library can serve it; the reason is a numbered note under the table) or {@code
 * unavailable} (the native part does not load here; the cause likewise). With {@code --json}: an
 * array of {@code {"model", "transport", "status", "reason"}}, status {@code ok}, {@code n/a} or
 * {@code unavailable}, reason empty when ok.
 */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Shows which server model can serve which transport on this machine.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--json",
            description = "Print the matrix as a JSON array of {model, transport, status, reason} instead of a table.")
    boolean json;

    public static void main(String[] args) {
        System.exit(Cli.execute(new ListCommand(), args));
    }

    @Override
    public Integer call() throws JsonProcessingException {
        List<Cell> cells = ServerModels.cells();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(cells) : table(cells));
        out.flush();
        return 0;
    }

    /** The matrix as JSON, with the ids the CLI accepts. */
    static String json(List<Cell> cells) throws JsonProcessingException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Cell cell : cells) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("model", cell.model());
            row.put("transport", cell.transport().id());
            row.put("status", cell.status().id());
            row.put("reason", cell.reason());
            rows.add(row);
        }
        return ResultFiles.mapper().writeValueAsString(rows) + System.lineSeparator();
    }

    /** The matrix as a table, reasons as numbered notes (one note per distinct reason). */
    static String table(List<Cell> cells) {
        List<String> notes = new ArrayList<>();
        Map<String, String[]> rows = new LinkedHashMap<>();
        int transports = Transport.values().length;
        for (Cell cell : cells) {
            String text = cell.status().id();
            if (!cell.ok()) {
                String note = cell.describe();
                if (!notes.contains(note)) {
                    notes.add(note);
                }
                text += " [" + (notes.indexOf(note) + 1) + "]";
            }
            rows.computeIfAbsent(cell.model(), m -> new String[transports])[
                    cell.transport().ordinal()] = text;
        }

        int modelWidth = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        modelWidth = Math.max(modelWidth, "model".length());
        int[] widths = new int[transports];
        for (Transport t : Transport.values()) {
            widths[t.ordinal()] = t.id().length();
            for (String[] row : rows.values()) {
                widths[t.ordinal()] = Math.max(widths[t.ordinal()], row[t.ordinal()].length());
            }
        }

        StringBuilder text = new StringBuilder();
        String[] header = new String[transports];
        for (Transport t : Transport.values()) {
            header[t.ordinal()] = t.id();
        }
        appendRow(text, "model", modelWidth, header, widths);
        for (Map.Entry<String, String[]> row : rows.entrySet()) {
            appendRow(text, row.getKey(), modelWidth, row.getValue(), widths);
        }
        text.append(System.lineSeparator());
        for (int i = 0; i < notes.size(); i++) {
            text.append('[').append(i + 1).append("] ").append(notes.get(i)).append(System.lineSeparator());
        }
        long ok = cells.stream().filter(Cell::ok).count();
        text.append(System.lineSeparator())
                .append(ok)
                .append(" of ")
                .append(cells.size())
                .append(" cells ok.")
                .append(System.lineSeparator());
        text.append(System.lineSeparator()).append("models:").append(System.lineSeparator());
        for (ServerModel model : ServerModels.all()) {
            text.append("  ")
                    .append(pad(model.id(), modelWidth))
                    .append("  ")
                    .append(model.description())
                    .append(System.lineSeparator());
        }
        return text.toString();
    }

    private static void appendRow(StringBuilder text, String first, int firstWidth, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder(pad(first, firstWidth));
        for (int i = 0; i < cells.length; i++) {
            line.append("  ").append(pad(cells[i], widths[i]));
        }
        text.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
