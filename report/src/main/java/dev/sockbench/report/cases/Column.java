package dev.sockbench.report.cases;

import dev.sockbench.core.result.CaseSummary;
import java.util.function.Function;

/**
 * One column of the cases table, shared by the HTML table and the CSV/JSON exports so they
 * always carry the same numbers.
 *
 * @param key machine name with its unit, e.g. {@code correctedP99Us}: the CSV header, the JSON key
 * @param group the header above a run of columns, unit included (e.g. {@code corrected latency
 *     (µs)}); empty for none
 * @param header the column's header for people, unit included where the group has none
 * @param numeric true for numbers (right-aligned)
 * @param value the exported value: a {@link Number}, a {@link String} or null when absent
 * @param display the value as people read it in the HTML table
 * @param detail more about the value for people (a tooltip in the HTML table); empty for none
 */
public record Column(
        String key,
        String group,
        String header,
        boolean numeric,
        Function<ReportCase, Object> value,
        Function<ReportCase, String> display,
        Function<ReportCase, String> detail) {

    /** The same column displayed differently for people; the export keeps the value. */
    Column withDisplay(Function<ReportCase, String> newDisplay) {
        return new Column(key, group, header, numeric, value, newDisplay, detail);
    }

    /** The same column with a detail for people, e.g. a breakdown of a total. */
    Column withDetail(Function<ReportCase, String> newDetail) {
        return new Column(key, group, header, numeric, value, display, newDetail);
    }

    /** A text column whose export and display are the same. */
    static Column text(String key, String header, Function<ReportCase, String> text) {
        return new Column(
                key,
                "",
                header,
                false,
                text::apply,
                c -> {
                    String t = text.apply(c);
                    return t == null ? Formats.NONE : t;
                },
                c -> "");
    }

    /** A number taken from the summary; absent for cases that were not measured. */
    static Column number(
            String key,
            String group,
            String header,
            Function<CaseSummary, Number> number,
            Function<Double, String> format) {
        Function<ReportCase, Number> value = c -> c.summary() == null ? null : number.apply(c.summary());
        return new Column(
                key,
                group,
                header,
                true,
                value::apply,
                c -> {
                    Number n = value.apply(c);
                    return n == null ? Formats.NONE : format.apply(n.doubleValue());
                },
                c -> "");
    }
}
