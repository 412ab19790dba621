package dev.sockbench.report.cases;

import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.RequestHandling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measured cases that can be compared side by side: the same transport, framing, shape, payload
 * and load (connections, depth, arrivals, target rate or objective, idle connections) and the same
 * handling (handler, work, offload), so only the server model differs.
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

    /** What the group's cases share. */
    public Key key() {
        return Key.of(cases.getFirst().summary());
    }

    /** True when the group's cases are sweeps: compared by capacity, not at one rate. */
    public boolean sweep() {
        return cases.getFirst().summary().sweep() != null;
    }

    /**
     * What comparable cases share: a case's load, everything but its model. A sweep's target rate
     * is where its own capacity fell, so sweeps are compared by their objective instead. Also a
     * case's identity across runs, with its model ({@code compare}).
     */
    public record Key(
            String transport,
            String framing,
            String shape,
            String arrival,
            int connections,
            Integer depth,
            int payloadBytes,
            Double targetRatePerSec,
            String slo,
            Integer idleConnections,
            String handling) {

        public static Key of(CaseSummary s) {
            boolean sweep = s.sweep() != null;
            CaseLoad load = s.load();
            return new Key(
                    load.transport(),
                    load.framing(),
                    load.shape(),
                    load.arrival(),
                    load.connections(),
                    load.depth(),
                    load.payloadBytes(),
                    sweep ? null : load.targetRatePerSec(),
                    sweep ? s.sweep().slo() : null,
                    s.idle() == null ? null : s.idle().requested(),
                    load.handling() == null ? null : RequestHandling.label(load.handling()));
        }

        /** The same load with {@code idle} idle connections (null: none, or any). */
        public Key withIdleConnections(Integer idle) {
            return new Key(
                    transport,
                    framing,
                    shape,
                    arrival,
                    connections,
                    depth,
                    payloadBytes,
                    targetRatePerSec,
                    slo,
                    idle,
                    handling);
        }

        /** The same load under {@code label}'s handling (null: the plain echo, or any). */
        public Key withHandling(String label) {
            return new Key(
                    transport,
                    framing,
                    shape,
                    arrival,
                    connections,
                    depth,
                    payloadBytes,
                    targetRatePerSec,
                    slo,
                    idleConnections,
                    label);
        }

        /** The same load with {@code bytes} of payload (0: any, left out of the title). */
        public Key withPayloadBytes(int bytes) {
            return new Key(
                    transport,
                    framing,
                    shape,
                    arrival,
                    connections,
                    depth,
                    bytes,
                    targetRatePerSec,
                    slo,
                    idleConnections,
                    handling);
        }

        /**
         * For people: {@code tcp · closed · 8 connections · 64 B payload · length framing}; no idle
         * connections when they are null, no payload when it is 0 (a scaling chart's load, where
         * they vary).
         */
        public String title() {
            StringBuilder t =
                    new StringBuilder().append(transport).append(" · ").append(shape);
            if (slo != null) {
                t.append(" · SLO ").append(slo);
            }
            if (targetRatePerSec != null) {
                t.append(" · ").append(Formats.rate(targetRatePerSec)).append(" req/s target");
            }
            if (arrival != null) {
                t.append(" · ").append(arrival).append(" arrivals");
            }
            t.append(" · ").append(connections).append(connections == 1 ? " connection" : " connections");
            if (depth != null && depth > 1) {
                t.append(" × ").append(depth).append(" in flight");
            }
            if (idleConnections != null) {
                t.append(" + ").append(Formats.integer(idleConnections)).append(" idle");
            }
            if (payloadBytes > 0) {
                t.append(" · ").append(Formats.integer(payloadBytes)).append(" B payload");
            }
            t.append(" · ").append(framing).append(" framing");
            if (handling != null) {
                t.append(" · handler ").append(handling);
            }
            return t.toString();
        }

        /** A file-name-safe form of the title: {@code tcp-closed-c8-64b-length}. */
        public String slug() {
            StringBuilder raw =
                    new StringBuilder().append(transport).append('-').append(shape);
            if (slo != null) {
                raw.append('-').append(slo);
            }
            if (targetRatePerSec != null) {
                raw.append("-r").append(Math.round(targetRatePerSec));
            }
            if (arrival != null) {
                raw.append('-').append(arrival);
            }
            raw.append("-c").append(connections);
            if (depth != null && depth > 1) {
                raw.append("-d").append(depth);
            }
            if (idleConnections != null) {
                raw.append("-i").append(idleConnections);
            }
            raw.append('-').append(payloadBytes).append("b-").append(framing);
            if (handling != null) {
                raw.append('-').append(handling);
            }
            // Ids come from files on disk: keep the file name to a safe alphabet whatever they hold.
            return raw.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "_");
        }
    }
}
