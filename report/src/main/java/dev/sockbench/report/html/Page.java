package dev.sockbench.report.html;

import java.util.List;

/**
 * What the index.mustache template shows, already formatted: every value is text for people,
 * and the template escapes it. {@code finishedAt} is null while the run is in progress (or after
 * it was interrupted).
 */
record Page(
        String runId,
        String suite,
        String startedAt,
        String finishedAt,
        String counts,
        List<NameValue> environment,
        List<TransportAnswer> answers,
        List<TableView> views,
        List<CapacityView> capacity,
        List<GroupView> groups,
        List<Image> scaling,
        List<NotMeasured> notMeasured,
        Jmh jmh,
        boolean claims,
        List<HostCase> hosts) {

    boolean anyHosts() {
        return !hosts.isEmpty();
    }

    /**
     * A case run across a cluster: its server's agent, the merged figures, and each load agent's.
     *
     * @param server the server's agent and address
     * @param rate the merged rate, req/s
     * @param p99Us the merged corrected p99, µs
     * @param verdict valid, or INVALID with the reasons
     */
    record HostCase(String caseId, String server, String rate, String p99Us, String verdict, List<HostPart> parts) {}

    /** One load agent's part of a case, its own figures. */
    record HostPart(String agent, String address, String connections, String rate, String p99Us, String verdict) {}

    boolean anyScaling() {
        return !scaling.isEmpty();
    }

    boolean anyCapacity() {
        return !capacity.isEmpty();
    }

    boolean anyAnswers() {
        return !answers.isEmpty();
    }

    /** Template helper: a section shown only when some case was measured. */
    boolean anyGroups() {
        return !groups.isEmpty();
    }

    boolean anyNotMeasured() {
        return !notMeasured.isEmpty();
    }

    /**
     * One transport's answer: its models ranked.
     *
     * @param basis what they are ranked by, e.g. {@code by rate, then p99}
     * @param slug the group the ranking comes from (its charts' anchor)
     * @param group the group's title
     * @param valueHeader the ranked value's column, {@code rate} or {@code capacity}
     * @param anyNative true when the group has a native reference: the "% of native" column shows
     * @param chart the small chart; null when no case was valid
     */
    record TransportAnswer(
            String transport,
            String basis,
            String slug,
            String group,
            String valueHeader,
            List<AnswerRow> rows,
            boolean anyNative,
            Image chart) {}

    /**
     * A model in a transport's answer.
     *
     * @param rank {@code 1}, {@code =2} for a tie, {@code –} for an INVALID case
     * @param valueDetail the value's interval over the trials; empty without trials
     * @param ofNative the value as a percentage of the native reference's, {@code 83}; {@code –} for none
     * @param note why it is not ranked; empty when ranked
     */
    record AnswerRow(
            String rank,
            String model,
            String caseId,
            String value,
            String valueDetail,
            String p99Us,
            String cpuUsPerRequest,
            String ofNative,
            boolean best,
            String cssClass,
            String note) {}

    /**
     * One view of the detail: a table of every measured case with some of the columns.
     *
     * @param id its anchor
     */
    record TableView(
            String id,
            String title,
            String lead,
            int columnCount,
            List<HeaderCell> headerGroups,
            List<HeaderCell> headers,
            List<GroupRows> groups) {}

    /** One group's rows in a view. */
    record GroupRows(String slug, String title, List<Row> rows) {}

    record NameValue(String name, String value) {}

    /** A header cell; {@code span} columns wide. */
    record HeaderCell(String label, int span, String cssClass) {}

    /**
     * The latest JMH results beside the run, copied into the report folder.
     *
     * @param file the copy, relative to the report folder
     * @param folder the results folder it came from, {@code jmh-<time>}
     * @param lines one per benchmark: its score
     */
    record Jmh(String file, String folder, List<String> lines) {}

    /** One run of comparable cases: its charts, and each case's latency over time. */
    record GroupView(String slug, String title, List<Image> charts, List<Image> timelines, List<String> notCharted) {
        boolean anyTimelines() {
            return !timelines.isEmpty();
        }

        boolean anyNotCharted() {
            return !notCharted.isEmpty();
        }
    }

    /** One measured case in the table. */
    record Row(String caseId, String cssClass, List<Cell> cells, boolean invalid, String reasons) {}

    record Cell(String text, String title, String cssClass) {}

    record Image(String file, String alt) {}

    /** The capacity of one group of sweeps, the most capable model first. */
    record CapacityView(String slug, String title, String slo, List<CapacityRow> rows) {}

    /** One sweep's capacity and its corrected latency there. */
    record CapacityRow(
            String model,
            String status,
            String cssClass,
            String capacityPerSec,
            String achievedPerSec,
            String p50Us,
            String p99Us,
            String p999Us,
            String goodSteps,
            boolean invalid,
            String reasons) {}

    /** A case with no numbers: skipped, failed, pending or unreadable. */
    record NotMeasured(String caseId, String model, String transport, String shape, String status, String reasons) {}
}
