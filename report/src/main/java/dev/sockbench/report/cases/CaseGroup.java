package dev.sockbench.report.cases;

import dev.sockbench.core.result.CaseSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measured cases that can be compared side by side: the same transport, framing, shape, payload
 * and load (connections and target rate), so only the server model differs.
 *
 * @param slug a file-name-safe name, unique within the run, e.g. {@code 01-tcp-closed-c8-64b}
 * @param title what the cases share, for people, e.g. {@code tcp · closed · 8 connections · 64 B}
 * @param cases the cases, in run order
 */
public record CaseGroup(String slug, String title, List<ReportCase> cases) {

    public CaseGroup {
        cases = List.copyOf(cases);
    }

    /** Groups the measured (valid or invalid) cases, groups in order of first appearance. */
    public static List<CaseGroup> of(List<ReportCase> cases) {
        Map<Key, List<ReportCase>> byKey = new LinkedHashMap<>();
        for (ReportCase c : cases) {
            if (c.status().measured()) {
                byKey.computeIfAbsent(Key.of(c.summary()), k -> new ArrayList<>())
                        .add(c);
            }
        }
        List<CaseGroup> groups = new ArrayList<>();
        int index = 1;
        for (var e : byKey.entrySet()) {
            String slug =
                    String.format(Locale.ROOT, "%02d-%s", index++, e.getKey().slug());
            groups.add(new CaseGroup(slug, e.getKey().title(), e.getValue()));
        }
        return groups;
    }

    /** What comparable cases share. */
    private record Key(
            String transport,
            String framing,
            String shape,
            int connections,
            int payloadBytes,
            Double targetRatePerSec) {

        static Key of(CaseSummary s) {
            return new Key(
                    s.transport(), s.framing(), s.shape(), s.connections(), s.payloadBytes(), s.targetRatePerSec());
        }

        String title() {
            StringBuilder t =
                    new StringBuilder().append(transport).append(" · ").append(shape);
            if (targetRatePerSec != null) {
                t.append(" · ").append(Formats.rate(targetRatePerSec)).append(" req/s target");
            }
            t.append(" · ").append(connections).append(connections == 1 ? " connection" : " connections");
            t.append(" · ").append(Formats.integer(payloadBytes)).append(" B payload");
            t.append(" · ").append(framing).append(" framing");
            return t.toString();
        }

        String slug() {
            String rate = targetRatePerSec == null ? "" : "-r" + Math.round(targetRatePerSec);
            String raw = transport + "-" + shape + rate + "-c" + connections + "-" + payloadBytes + "b-" + framing;
            // Ids come from files on disk: keep the file name to a safe alphabet whatever they hold.
            return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "_");
        }
    }
}
