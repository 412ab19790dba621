package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Result format 2 is pinned by the files under {@code golden/format-2/}: they are read back field
 * by field, and writing the same records must give the same bytes. A test failing here means the
 * format changed: bump {@link ResultFiles#FORMAT} or make the change additive (a new optional
 * field), then update the golden files on purpose.
 */
class ResultFormat2GoldenTest {

    @Test
    void goldenSummaryReadsBackBlockByBlock() throws Exception {
        CaseSummary s = ResultFiles.readSummary(golden("summary.json"));

        assertThat(s.format()).isEqualTo(2);
        GoldenFixtures.assertSummaryFieldByField(s);
        assertThat(s.kernel()).isNull();

        assertThat(s).as("nothing else in the record").isEqualTo(GoldenFixtures.summary());
    }

    @Test
    void goldenPacedSummaryReadsBackWithAccountingCatchUpBlockedTimeAndKernel() throws Exception {
        CaseSummary s = ResultFiles.readSummary(golden("summary-paced.json"));

        CaseLoad load = s.load();
        assertThat(load.transport()).isEqualTo("unix-stream");
        assertThat(load.framing()).isEqualTo("raw");
        assertThat(load.depth()).isEqualTo(2);
        assertThat(load.arrival()).isEqualTo("poisson");
        assertThat(load.catchUpFactor()).isEqualTo(2.0);
        RequestAccounting a = load.accounting();
        assertThat(a).isEqualTo(new RequestAccounting(200_000L, 199_893L, 7L, 100L, 0L, 0L));
        assertThat(a.accountedFor()).isEqualTo(a.intended());
        assertThat(a.answered()).isEqualTo(load.requests());
        assertThat(load.errors().timeout()).isEqualTo(a.timedOut());
        GeneratorCheck g = s.generator();
        assertThat(g.sendLagUs().p99()).isEqualTo(12.5);
        assertThat(g.lagBoundUs()).isEqualTo(400.0);
        assertThat(g.blockedUs().p99()).isEqualTo(30.0);
        assertThat(s.server()).as("not measured").isNull();
        assertThat(s.kernel()).as("read all the same").isEqualTo(new KernelCounters(0L, 0L, 3L, 5L));

        assertThat(s).isEqualTo(GoldenFixtures.pacedSummary());
    }

    @Test
    void goldenSweepStreamAndIdleReadAsTheirRecords() throws Exception {
        CaseSummary sweep = ResultFiles.readSummary(golden("summary-sweep-udp.json"));
        assertThat(sweep.kernel()).isEqualTo(new KernelCounters(12L, 15L, 0L, 0L));
        assertThat(sweep.measuredIntervalRequests()).as("every step's").isEqualTo(99_990L + 199_952L + 305_000L);
        assertThat(sweep).isEqualTo(GoldenFixtures.sweepUdpSummary());
        assertThat(ResultFiles.readSummary(golden("summary-stream.json"))).isEqualTo(GoldenFixtures.streamSummary());
        assertThat(ResultFiles.readSummary(golden("summary-idle.json"))).isEqualTo(GoldenFixtures.idleSummary());
    }

    @Test
    void goldenRunIsFormatOnesWithItsNewNumber() throws Exception {
        RunResult run = ResultFiles.readRun(golden("run.json").getParent());

        assertThat(run).isEqualTo(GoldenFixtures.run(2));
        assertThat(Files.readString(golden("run.json")))
                .isEqualTo(
                        Files.readString(golden("../format-1/run.json")).replace("\"format\" : 1", "\"format\" : 2"));
    }

    @Test
    void writingTheSameRecordsReproducesTheGoldenJson(@TempDir Path dir) throws Exception {
        Map<String, Object> records = Map.of(
                "summary.json", GoldenFixtures.summary(),
                "summary-paced.json", GoldenFixtures.pacedSummary(),
                "summary-sweep-udp.json", GoldenFixtures.sweepUdpSummary(),
                "summary-stream.json", GoldenFixtures.streamSummary(),
                "summary-idle.json", GoldenFixtures.idleSummary(),
                "run.json", GoldenFixtures.run(2));
        for (var e : records.entrySet()) {
            Path file = dir.resolve(e.getKey());
            ResultFiles.writeJson(file, e.getValue());
            assertThat(Files.readString(file)).as(e.getKey()).isEqualTo(Files.readString(golden(e.getKey())));
        }
    }

    @Test
    void theIntervalLogDidNotChange() throws Exception {
        assertThat(Files.readAllBytes(golden("latency.hlog")))
                .isEqualTo(Files.readAllBytes(golden("../format-1/latency.hlog")));
    }

    @Test
    void aNewerFormatIsRejectedWithAClearMessage(@TempDir Path dir) throws Exception {
        String newer = Files.readString(golden("summary.json")).replace("\"format\" : 2", "\"format\" : 3");
        Path file = dir.resolve("summary.json");
        Files.writeString(file, newer, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ResultFiles.readSummary(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 3")
                .hasMessageContaining("reads formats 1 to 2");
    }

    @Test
    void unknownFieldsOfALaterMinorAdditionAreTolerated(@TempDir Path dir) throws Exception {
        String withExtra = Files.readString(golden("summary.json"))
                .replace("\"format\" : 2,", "\"format\" : 2,\n  \"someLaterBlock\" : { \"x\" : 1 },")
                .replace("\"load\" : {", "\"load\" : {\n    \"someLaterField\" : 1,");
        Path file = dir.resolve("summary.json");
        Files.writeString(file, withExtra, StandardCharsets.UTF_8);

        assertThat(ResultFiles.readSummary(file)).isEqualTo(GoldenFixtures.summary());
    }

    @Test
    void theGeneratorsReportRoundTripsAndComposesTheSummaryWithWhatTheHarnessAdds(@TempDir Path dir) throws Exception {
        CaseSummary golden = GoldenFixtures.sweepUdpSummary();
        LoadReport report = LoadReport.builder()
                .load(golden.load())
                .latencyUs(golden.latencyUs())
                .udp(golden.udp())
                .sweep(golden.sweep())
                .generator(golden.generator())
                .build();
        Path file = dir.resolve(ResultFiles.LOAD_REPORT_FILE);
        ResultFiles.writeJson(file, report);

        LoadReport read = ResultFiles.readLoadReport(file);

        assertThat(read).isEqualTo(report);
        assertThat(Files.readString(file)).doesNotContain("caseId", "model", "server", "kernel");
        CaseSummary composed = CaseSummary.from(read)
                .caseId(golden.caseId())
                .model(golden.model())
                .server(golden.server())
                .kernel(golden.kernel())
                .build();
        assertThat(composed).isEqualTo(golden);
    }

    @Test
    void aGeneratorsReportOfAnotherFormatIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ResultFiles.LOAD_REPORT_FILE);
        Files.writeString(file, "{\"format\" : 1, \"valid\" : true, \"invalidReasons\" : [ ]}");

        assertThatThrownBy(() -> ResultFiles.readLoadReport(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 1")
                .hasMessageContaining("reads format 2");
    }

    @Test
    void aReportWithoutReasonsIsValidAndOneWithReasonsIsNot() {
        assertThat(LoadReport.builder().build().valid()).isTrue();
        assertThat(LoadReport.builder().invalidReasons(List.of("late")).build().valid())
                .isFalse();
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(ResultFormat2GoldenTest.class
                        .getResource("/golden/format-2/")
                        .toURI())
                .resolve(name)
                .normalize();
    }
}
