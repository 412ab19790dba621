package dev.sockbench.report.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sockbench.core.result.CaseStatus;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.TrialStats;
import dev.sockbench.report.TestLoads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTest {
    /** The columns of cases.csv and the keys of each case in cases.json, in order. */
    private static final List<String> HEADER = List.of(
            "caseId",
            "model",
            "status",
            "transport",
            "framing",
            "shape",
            "arrival",
            "connections",
            "depth",
            "payloadBytes",
            "idleConnections",
            "sweepSlo",
            "sweepCapacityPerSec",
            "targetRatePerSec",
            "achievedRatePerSec",
            "trials",
            "ofNativePercent",
            "streamBytesPerSec",
            "correctedP50Us",
            "correctedP90Us",
            "correctedP99Us",
            "correctedP999Us",
            "correctedMaxUs",
            "rawP50Us",
            "rawP90Us",
            "rawP99Us",
            "rawP999Us",
            "rawMaxUs",
            "errors",
            "udpLost",
            "udpLate",
            "udpDuplicated",
            "udpReordered",
            "serverCpuUsPerRequest",
            "serverCtxSwitchesPerRequest",
            "serverThreads",
            "serverRssBytes",
            "serverRssBytesPerConnection",
            "serverGcPauses",
            "serverGcPauseMaxUs",
            "serverVirtualThreadsPinned",
            "kernelUdpRcvbufErrors",
            "kernelListenOverflows",
            "generatorCpuUsPerRequest",
            "generatorBusyPercent",
            "generatorSendLagP99Us",
            "generatorSendLagMaxUs",
            "generatorBlockedP99Us",
            "generatorStealMs",
            "trialsCapacityPerSecMedian",
            "trialsCapacityPerSecCi95Low",
            "trialsCapacityPerSecCi95High",
            "trialsCapacityPerSecPValueVsBest",
            "trialsCapacityPerSecDiffersFromBest",
            "trialsAchievedRatePerSecMedian",
            "trialsAchievedRatePerSecCi95Low",
            "trialsAchievedRatePerSecCi95High",
            "trialsAchievedRatePerSecPValueVsBest",
            "trialsAchievedRatePerSecDiffersFromBest",
            "trialsCorrectedP50UsMedian",
            "trialsCorrectedP50UsCi95Low",
            "trialsCorrectedP50UsCi95High",
            "trialsCorrectedP50UsPValueVsBest",
            "trialsCorrectedP50UsDiffersFromBest",
            "trialsCorrectedP99UsMedian",
            "trialsCorrectedP99UsCi95Low",
            "trialsCorrectedP99UsCi95High",
            "trialsCorrectedP99UsPValueVsBest",
            "trialsCorrectedP99UsDiffersFromBest",
            "trialsCorrectedP999UsMedian",
            "trialsCorrectedP999UsCi95Low",
            "trialsCorrectedP999UsCi95High",
            "trialsCorrectedP999UsPValueVsBest",
            "trialsCorrectedP999UsDiffersFromBest",
            "trialsServerCpuUsPerRequestMedian",
            "trialsServerCpuUsPerRequestCi95Low",
            "trialsServerCpuUsPerRequestCi95High",
            "trialsServerCpuUsPerRequestPValueVsBest",
            "trialsServerCpuUsPerRequestDiffersFromBest",
            "reasons");

    @TempDir
    Path runDir;

    private RunResult run;

    @BeforeEach
    void writeRun() throws Exception {
        Percentiles corrected = new Percentiles(41.215, 63.487, 120.319, 1_004.543, 5_005.311, 52.25);
        Percentiles raw = new Percentiles(40.191, 60.415, 101.375, 201.983, 210.047, 45.5);
        ResultFiles.writeJson(
                ResultFiles.caseDir(runDir, "open").resolve(ResultFiles.SUMMARY_FILE),
                CaseSummary.from(LoadReport.builder()
                                .invalidReasons(List.of("errors: 1 request failed, \"read\""))
                                .load(TestLoads.tcp("open", 8, 99_987)
                                        .durationSec(10)
                                        .warmupSec(2)
                                        .targetRatePerSec(10_000.0)
                                        .achievedRatePerSec(9_998.7)
                                        .errors(new ErrorCounts(0, 1, 0, 0, 0))
                                        .build())
                                .latencyUs(new LatencyUs(corrected, raw))
                                .build())
                        .caseId("open")
                        .model("nio-epoll")
                        .server(new ServerCost(1, 2, 24.16, 3, 4, 1.52, 12, 52_428_800L, 16_384.5))
                        .build());
        run = new RunResult(
                1,
                "r1",
                "quick",
                "t0",
                "t1",
                null,
                List.of(
                        new RunResult.CaseEntry(
                                "open",
                                "nio-epoll",
                                "tcp",
                                "open",
                                CaseStatus.MEASURED,
                                false,
                                List.of("errors: 1 request failed, \"read\"")),
                        new RunResult.CaseEntry(
                                "skip",
                                "netty-iouring",
                                "unix-stream",
                                "closed",
                                CaseStatus.SKIPPED,
                                false,
                                List.of("n/a: no Unix channel"))));
    }

    @Test
    void csvHasTheTableColumnsAndOneRowPerCaseWithFullNumbers() throws Exception {
        new CsvReportRenderer().render(run, runDir);
        String csv = Files.readString(runDir.resolve("report/cases.csv"));
        List<String> lines = csv.lines().toList();

        // Every column always, units in the names: the format scripts read, written out here.
        assertThat(lines.get(0)).isEqualTo(String.join(",", HEADER));
        List<String> header = HEADER;
        assertThat(lines).hasSize(3);
        assertThat(csv).contains("\r\n");
        Map<String, String> open = row(header, lines.get(1));
        assertThat(open)
                .containsEntry("caseId", "open")
                .containsEntry("model", "nio-epoll")
                .containsEntry("status", "invalid")
                .containsEntry("transport", "tcp")
                .containsEntry("connections", "8")
                .containsEntry("targetRatePerSec", "10000.0")
                .containsEntry("achievedRatePerSec", "9998.7")
                .containsEntry("correctedP50Us", "41.215")
                .containsEntry("correctedP999Us", "1004.543")
                .containsEntry("correctedMaxUs", "5005.311")
                .containsEntry("rawP99Us", "101.375")
                .containsEntry("errors", "1")
                .containsEntry("serverCpuUsPerRequest", "24.16")
                .containsEntry("serverRssBytes", "52428800")
                .containsEntry("serverRssBytesPerConnection", "16384.5")
                .containsEntry("udpLost", "") // a block the case does not have
                .containsEntry("sweepCapacityPerSec", "")
                .containsEntry("reasons", "errors: 1 request failed, \"read\"");
        assertThat(lines.get(1)).endsWith(",\"errors: 1 request failed, \"\"read\"\"\"");
        Map<String, String> skipped = row(header, lines.get(2));
        assertThat(skipped)
                .containsEntry("status", "skipped")
                .containsEntry("transport", "unix-stream")
                .containsEntry("framing", "")
                .containsEntry("correctedP99Us", "")
                .containsEntry("reasons", "n/a: no Unix channel");
    }

    /** One CSV line as header → field, RFC 4180 quotes undone. */
    private static Map<String, String> row(List<String> header, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        assertThat(fields).hasSameSizeAs(header);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), fields.get(i));
        }
        return row;
    }

    @Test
    void jsonHasTheSameKeysInOrderWithTypedValues() throws Exception {
        new JsonReportRenderer().render(run, runDir);
        JsonNode root = ResultFiles.mapper()
                .readTree(runDir.resolve("report/cases.json").toFile());

        assertThat(root.get("format").asInt()).isEqualTo(1);
        assertThat(root.get("runId").asText()).isEqualTo("r1");
        JsonNode open = root.get("cases").get(0);
        List<String> keys = new ArrayList<>();
        open.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(HEADER);
        assertThat(open.get("correctedP99Us").isNumber()).isTrue();
        assertThat(open.get("correctedP99Us").asDouble()).isEqualTo(120.319);
        assertThat(open.get("rawP999Us").asDouble()).isEqualTo(201.983);
        assertThat(open.get("serverRssBytes").asLong()).isEqualTo(52_428_800L);
        assertThat(open.get("status").asText()).isEqualTo("invalid");
        assertThat(open.get("reasons").get(0).asText()).isEqualTo("errors: 1 request failed, \"read\"");
        JsonNode skip = root.get("cases").get(1);
        assertThat(skip.get("status").asText()).isEqualTo("skipped");
        assertThat(skip.get("correctedP99Us").isNull()).isTrue();
        assertThat(skip.get("targetRatePerSec").isNull()).isTrue();
    }

    @Test
    void aCaseRunSeveralTimesExportsItsStatisticsBesideItsNumbers() throws Exception {
        Path summaryFile = ResultFiles.caseDir(runDir, "open").resolve(ResultFiles.SUMMARY_FILE);
        TrialStats.Metric rate = new TrialStats.Metric(
                List.of(9_000.0, 9_998.7, 10_500.0), 9_998.7, 9_832.9, 8_000.5, 11_665.3, true, "best", 0.012, true);
        ResultFiles.writeJson(
                summaryFile,
                ResultFiles.readSummary(summaryFile)
                        .withTrials(new TrialStats(3, 3, 2, rate, null, rate, rate, null, null)));

        new JsonReportRenderer().render(run, runDir);
        new CsvReportRenderer().render(run, runDir);

        JsonNode open = ResultFiles.mapper()
                .readTree(runDir.resolve("report/cases.json").toFile())
                .get("cases")
                .get(0);
        assertThat(open.get("trials").asInt()).isEqualTo(3);
        assertThat(open.get("trialsAchievedRatePerSecMedian").asDouble()).isEqualTo(9_998.7);
        assertThat(open.get("trialsAchievedRatePerSecCi95Low").asDouble()).isEqualTo(8_000.5);
        assertThat(open.get("trialsAchievedRatePerSecCi95High").asDouble()).isEqualTo(11_665.3);
        assertThat(open.get("trialsAchievedRatePerSecPValueVsBest").asDouble()).isEqualTo(0.012);
        assertThat(open.get("trialsAchievedRatePerSecDiffersFromBest").asBoolean())
                .isTrue();
        assertThat(open.get("trialsCapacityPerSecMedian").isNull())
                .as("no sweep")
                .isTrue();
        Map<String, String> row = row(
                HEADER,
                Files.readString(runDir.resolve("report/cases.csv"))
                        .lines()
                        .toList()
                        .get(1));
        assertThat(row)
                .containsEntry("trials", "3")
                .containsEntry("trialsCorrectedP99UsMedian", "9998.7")
                .containsEntry("trialsCorrectedP99UsDiffersFromBest", "true")
                .containsEntry("trialsCapacityPerSecDiffersFromBest", "");
    }
}
