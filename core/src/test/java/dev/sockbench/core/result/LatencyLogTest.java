package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyLogTest {

    @Test
    void intervalsReadBackByHdrHistogramsOwnReaderAndAddUpPerTag(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latency.hlog");
        try (LatencyLog log = LatencyLog.create(file, 1_000_000L)) {
            for (int second = 0; second < 3; second++) {
                Histogram corrected = new Histogram(3);
                corrected.setStartTimeStamp(1_000_000L + second * 1000L);
                corrected.setEndTimeStamp(1_000_000L + (second + 1) * 1000L);
                corrected.recordValue(1_000_000L * (second + 1));
                Histogram raw = new Histogram(3);
                raw.setStartTimeStamp(corrected.getStartTimeStamp());
                raw.setEndTimeStamp(corrected.getEndTimeStamp());
                raw.recordValue(1_000L);
                log.write(LatencyLog.CORRECTED, corrected);
                log.write(LatencyLog.RAW, raw);
            }
            assertThat(file).as("not visible before close").doesNotExist();
        }

        int intervals = 0;
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            while (reader.nextIntervalHistogram() != null) {
                intervals++;
            }
        }
        assertThat(intervals).isEqualTo(6);

        Map<String, Histogram> totals = LatencyLog.readTotals(file);
        assertThat(totals).containsOnlyKeys("corrected", "raw");
        assertThat(totals.get("corrected").getTotalCount()).isEqualTo(3);
        assertThat(totals.get("corrected").getMaxValue()).isBetween(2_999_000L, 3_002_000L);
        assertThat(totals.get("raw").getTotalCount()).isEqualTo(3);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void intervalsOfOneTagReadBackInOrderWithTheirEpochTimes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latency.hlog");
        long start = 1_768_471_200_000L;
        try (LatencyLog log = LatencyLog.create(file, start)) {
            for (int second = 0; second < 3; second++) {
                for (String tag : List.of(LatencyLog.CORRECTED, LatencyLog.RAW)) {
                    Histogram h = new Histogram(3);
                    h.setStartTimeStamp(start + second * 1000L);
                    h.setEndTimeStamp(start + (second + 1) * 1000L);
                    h.recordValue(1_000_000L * (second + 1));
                    log.write(tag, h);
                }
            }
        }

        List<Histogram> seconds = LatencyLog.readIntervals(file, LatencyLog.CORRECTED);
        assertThat(seconds)
                .extracting(Histogram::getStartTimeStamp)
                .containsExactly(start, start + 1_000, start + 2_000);
        assertThat(seconds)
                .extracting(Histogram::getEndTimeStamp)
                .containsExactly(start + 1_000, start + 2_000, start + 3_000);
        assertThat(seconds.get(1).getMaxValue()).isBetween(1_999_000L, 2_002_000L);
        assertThat(LatencyLog.readIntervals(file, "step1-corrected")).isEmpty();
    }
}
