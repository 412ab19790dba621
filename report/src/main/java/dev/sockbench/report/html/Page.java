package dev.sockbench.report.html;

import java.util.List;

/**
 * What the index.mustache template shows, already formatted: every value is text for people,
 * and the template escapes it.
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
        List<GroupView> groups,
        List<NotMeasured> notMeasured) {

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

    /** A case with no numbers: skipped, failed, pending or unreadable. */
    record NotMeasured(String caseId, String model, String transport, String shape, String status, String reasons) {}
}
