package dev.sockbench.report.export;

import dev.sockbench.core.result.TrialStats;
import dev.sockbench.report.cases.CaseColumns;
import dev.sockbench.report.cases.Column;
import dev.sockbench.report.cases.ReportCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields of one exported case, in order: {@code caseId}, the table's columns ({@link
 * CaseColumns#ALL}, keyed with their units), the statistics over the case's trials ({@link
 * #TRIAL_METRICS}, each with {@link #TRIAL_FIELDS}; null when the case ran once), then {@code
 * reasons}. Values are numbers, booleans, strings or null (not measured, or not applicable).
 */
final class ExportFields {
    static final String CASE_ID = "caseId";
    static final String REASONS = "reasons";

    record Field(String key, Object value) {}

    /** The metrics over trials, by the key prefix of their fields. */
    static final Map<String, Function<TrialStats, TrialStats.Metric>> TRIAL_METRICS = metrics();

    /**
     * The fields of each metric over trials, by key suffix: median, the 95% interval of the mean,
     * the p-value of Welch's t-test against the group's best case, and whether it is below 0.05.
     */
    static final Map<String, Function<TrialStats.Metric, Object>> TRIAL_FIELDS = trialFields();

    private static Map<String, Function<TrialStats, TrialStats.Metric>> metrics() {
        Map<String, Function<TrialStats, TrialStats.Metric>> m = new LinkedHashMap<>();
        m.put("trialsCapacityPerSec", TrialStats::capacityPerSec);
        m.put("trialsAchievedRatePerSec", TrialStats::achievedRatePerSec);
        m.put("trialsCorrectedP50Us", TrialStats::correctedP50Us);
        m.put("trialsCorrectedP99Us", TrialStats::correctedP99Us);
        return m;
    }

    private static Map<String, Function<TrialStats.Metric, Object>> trialFields() {
        Map<String, Function<TrialStats.Metric, Object>> f = new LinkedHashMap<>();
        f.put("Median", TrialStats.Metric::median);
        f.put("Ci95Low", TrialStats.Metric::ci95Low);
        f.put("Ci95High", TrialStats.Metric::ci95High);
        f.put("PValueVsBest", TrialStats.Metric::pValueVsBest);
        f.put("DiffersFromBest", TrialStats.Metric::differsFromBest);
        return f;
    }

    private ExportFields() {}

    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add(CASE_ID);
        CaseColumns.ALL.forEach(col -> keys.add(col.key()));
        TRIAL_METRICS.keySet().forEach(m -> TRIAL_FIELDS.keySet().forEach(f -> keys.add(m + f)));
        keys.add(REASONS);
        return keys;
    }

    static List<Field> of(ReportCase c) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(CASE_ID, c.caseId()));
        for (Column col : CaseColumns.ALL) {
            fields.add(new Field(col.key(), col.value().apply(c)));
        }
        TrialStats trials = c.summary() == null ? null : c.summary().trials();
        TRIAL_METRICS.forEach((m, metric) -> {
            TrialStats.Metric value = trials == null ? null : metric.apply(trials);
            TRIAL_FIELDS.forEach((f, field) -> fields.add(new Field(m + f, value == null ? null : field.apply(value))));
        });
        fields.add(new Field(REASONS, c.reasons()));
        return fields;
    }
}
