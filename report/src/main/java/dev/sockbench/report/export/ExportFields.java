package dev.sockbench.report.export;

import dev.sockbench.report.cases.CaseColumns;
import dev.sockbench.report.cases.Column;
import dev.sockbench.report.cases.ReportCase;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one exported case, in order: {@code caseId}, the table's columns ({@link
 * CaseColumns#ALL}, keyed with their units), then {@code reasons}. Values are numbers, strings or
 * null (not measured, or not applicable).
 */
final class ExportFields {
    static final String CASE_ID = "caseId";
    static final String REASONS = "reasons";

    record Field(String key, Object value) {}

    private ExportFields() {}

    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add(CASE_ID);
        CaseColumns.ALL.forEach(col -> keys.add(col.key()));
        keys.add(REASONS);
        return keys;
    }

    static List<Field> of(ReportCase c) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(CASE_ID, c.caseId()));
        for (Column col : CaseColumns.ALL) {
            fields.add(new Field(col.key(), col.value().apply(c)));
        }
        fields.add(new Field(REASONS, c.reasons()));
        return fields;
    }
}
