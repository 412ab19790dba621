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
        int columnCount,
        List<HeaderCell> headerGroups,
        List<HeaderCell> headers,
        List<CapacityView> capacity,
        List<GroupView> groups,
        List<NotMeasured> notMeasured) {

    boolean anyCapacity() {
        return !capacity.isEmpty();
    }

    /** Template helper: a section shown only when some case was measured. */
    boolean anyGroups() {
        return !groups.isEmpty();
    }

    boolean anyNotMeasured() {
        return !notMeasured.isEmpty();
    }

    record NameValue(String name, String value) {}

    /** A header cell; {@code span} columns wide. */
    record HeaderCell(String label, int span, String cssClass) {}

    /** One run of comparable cases: its rows in the table and its charts below. */
    record GroupView(String slug, String title, List<Row> rows, List<Image> charts, List<String> notCharted) {
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
