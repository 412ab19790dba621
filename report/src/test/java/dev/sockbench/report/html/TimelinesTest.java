package dev.sockbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.report.SyntheticRun;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.chart.TimelineChart;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelinesTest {
    @TempDir
    Path runDir;

    @Test
    void eachSecondOfTheLogWithTheServersPausesInsideIt() throws Exception {
        ReportCase open = ReportCase.loadAll(SyntheticRun.write(runDir), runDir).stream()
                .filter(c -> c.caseId().equals("open-nio-epoll"))
                .findFirst()
                .orElseThrow();
        // Second 1: 2,000 echoes of 100 µs. Second 2: 2,000 of 100 µs, and 30 requests stalled 5 ms
        // behind a GC pause (corrected), sent late and answered in 200 µs (raw).
        long start = SyntheticRun.START_MS;
        try (LatencyLog log = LatencyLog.create(open.latencyLog(), start)) {
            log.write(LatencyLog.CORRECTED, interval(start, 100_000L, 0L));
            log.write(LatencyLog.RAW, interval(start, 100_000L, 0L));
            log.write(LatencyLog.CORRECTED, interval(start + 1_000, 100_000L, 5_000_000L));
            log.write(LatencyLog.RAW, interval(start + 1_000, 100_000L, 200_000L));
        }

        Timelines.Case data = Timelines.read(open);

        assertThat(data.lengthSec()).isEqualTo(2.0);
        assertThat(data.seconds()).extracting(TimelineChart.Second::offsetSec).containsExactly(0.5, 1.5);
        assertThat(data.seconds())
                .extracting(TimelineChart.Second::completedPerSec)
                .containsExactly(2_000.0, 2_030.0);
        assertThat(data.seconds().get(0).p99Us()).isBetween(100.0, 100.1);
        assertThat(data.seconds().get(0).rawP99Us())
                .as("equal to the corrected: not drawn twice")
                .isNull();
        assertThat(data.seconds().get(1).p99Us()).isBetween(5_000.0, 5_005.0);
        assertThat(data.seconds().get(1).rawP99Us()).isBetween(200.0, 200.2);
        assertThat(data.pauses())
                .as("the pause before the interval is left out")
                .containsExactly(new TimelineChart.Pause(SyntheticRun.GC_PAUSE_AT_MS / 1000.0, 4_500));
        assertThat(open.gcLog()).isEqualTo(open.caseDir().resolve(ResultFiles.GC_LOG_FILE));
    }

    /** One second from {@code startMs}: 2,000 values of {@code valueNs}, and 30 of {@code tailNs} when not 0. */
    private static Histogram interval(long startMs, long valueNs, long tailNs) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(valueNs, 2_000);
        if (tailNs > 0) {
            h.recordValueWithCount(tailNs, 30);
        }
        h.setStartTimeStamp(startMs);
        h.setEndTimeStamp(startMs + 1_000);
        return h;
    }
}
