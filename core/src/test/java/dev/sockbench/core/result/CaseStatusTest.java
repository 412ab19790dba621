package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.RunResult.CaseEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The case status as run.json writes and reads it. */
class CaseStatusTest {

    @ParameterizedTest
    @CsvSource({"MEASURED, measured", "SKIPPED, skipped", "FAILED, failed", "PENDING, pending"})
    void eachStatusIsWrittenAsItsLowerCaseIdAndReadBack(CaseStatus status, String id) throws Exception {
        CaseEntry entry = new CaseEntry("01-a", "nio-epoll", "tcp", "closed", status, false, List.of("why"));

        String json = ResultFiles.toJson(entry);

        assertThat(ResultFiles.mapper().readTree(json).get("status").asText()).isEqualTo(id);
        assertThat(ResultFiles.mapper().readValue(json, CaseEntry.class)).isEqualTo(entry);
    }

    @Test
    void aStatusThisSockbenchDoesNotKnowReadsAsFailedAndSaysSo() throws Exception {
        String json = """
                {"caseId": "01-a", "model": "nio-epoll", "transport": "tcp", "shape": "closed",
                 "status": "paused", "valid": true, "reasons": ["operator asked"]}""";

        CaseEntry entry = ResultFiles.mapper().readValue(json, CaseEntry.class);

        assertThat(entry.status()).isEqualTo(CaseStatus.FAILED);
        assertThat(entry.valid()).isFalse();
        assertThat(entry.reasons())
                .containsExactly(
                        "run.json gives the status 'paused', which this sockbench does not know", "operator asked");
    }
}
