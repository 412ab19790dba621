package dev.sockbench.report.compare;

import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.ReportCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What makes a case the same case in two runs: its model and its load (transport, shape,
 * connections, payload ...; {@link CaseGroup.Key}). A suite that measures the same identity
 * twice gives the later ones an occurrence number, matched in order.
 *
 * @param model the server model
 * @param load everything but the model
 * @param occurrence 1 for the first case of this model and load in its run, 2 for the next ...
 */
public record CaseIdentity(String model, CaseGroup.Key load, int occurrence) {

    /** The measured cases of a run by identity, in run order; a repeat gets the next occurrence. */
    public static Map<CaseIdentity, ReportCase> of(List<ReportCase> cases) {
        Map<CaseIdentity, ReportCase> map = new LinkedHashMap<>();
        for (ReportCase c : cases) {
            if (!c.status().measured()) {
                continue;
            }
            CaseIdentity id = new CaseIdentity(c.model(), CaseGroup.Key.of(c.summary()), 1);
            while (map.containsKey(id)) {
                id = new CaseIdentity(id.model, id.load, id.occurrence + 1);
            }
            map.put(id, c);
        }
        return map;
    }

    /** For people: {@code nio-epoll · tcp · closed · 8 connections · ...}. */
    public String label() {
        return model + " · " + load.title() + (occurrence > 1 ? " · #" + occurrence : "");
    }

    /** A short name for tools: {@code nio-epoll tcp-closed-c8-64b-length}, {@code #2} for a repeat. */
    public String slugName() {
        return model + " " + load.slug() + (occurrence > 1 ? " #" + occurrence : "");
    }

    /** A file-name-safe form: {@code nio-epoll-tcp-closed-c8-64b-length}. */
    public String slug() {
        String raw = model + "-" + load.slug() + (occurrence > 1 ? "-" + occurrence : "");
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "_");
    }
}
