package dev.sockbench.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * Maps a format-1 {@code summary.json} (flat) onto format 2 (in blocks): the same fields under the
 * same names, moved as {@link CaseSummary} documents. Stateless.
 */
final class FormatOneSummary {
    /** The fields that move into {@code load}: {@link CaseLoad}'s, named as they were at the top level. */
    private static final List<String> LOAD_FIELDS = Arrays.stream(CaseLoad.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();

    private FormatOneSummary() {}

    /** A format-2 tree with the content of the format-1 tree {@code v1}, which is left as it was. */
    static ObjectNode toFormatTwo(ObjectNode v1) {
        ObjectNode v2 = v1.deepCopy();
        ObjectNode load = v2.objectNode();
        for (String field : LOAD_FIELDS) {
            JsonNode value = v2.remove(field);
            if (value != null) {
                load.set(field, value);
            }
        }
        v2.set("load", load);
        if (v2.get("server") instanceof ObjectNode server && server.has("kernel")) {
            v2.set("kernel", server.remove("kernel"));
        }
        v2.put("format", 2);
        return v2;
    }
}
