package dev.sockbench.loadgen.recording;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void correctedCountsFromTheIntendedTimeRawFromTheActualSend() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(1_000, 5_000, 6_000);
        LatencyRecorder.Interval interval = recorder.take(null);
        assertThat(interval.corrected().getMaxValue())
                .isEqualTo(interval.corrected().highestEquivalentValue(5_000));
        assertThat(interval.raw().getMaxValue()).isEqualTo(interval.raw().highestEquivalentValue(1_000));
        // Taken: the next interval starts empty.
        assertThat(recorder.take(interval).corrected().getTotalCount()).isZero();
    }

    @Test
    void noSampleIsLostOrCountedTwiceWhileAWriterRecordsAndTheReaderTakesIntervals() throws Exception {
        assertNothingLostOrDoubled(false);
    }

    @Test
    void batchesLoseNothingEither() throws Exception {
        assertNothingLostOrDoubled(true);
    }

    private static void assertNothingLostOrDoubled(boolean batched) throws Exception {
        LatencyRecorder recorder = new LatencyRecorder();
        int samples = 2_000_000;
        Thread writer = new Thread(() -> {
            for (int i = 0; i < samples; ) {
                if (batched) {
                    long batch = recorder.beginBatch();
                    for (int k = 0; k < 10; k++, i++) {
                        recorder.recordInBatch(0, i % 1_000, 1_000 + i % 7);
                    }
                    recorder.endBatch(batch);
                } else {
                    recorder.record(0, i % 1_000, 1_000 + i % 7);
                    i++;
                }
            }
        });
        writer.start();
        Histogram totalCorrected = LatencyRecorder.newHistogram();
        Histogram totalRaw = LatencyRecorder.newHistogram();
        LatencyRecorder.Interval recycle = null;
        int intervals = 0;
        while (writer.isAlive() || intervals == 0) {
            recycle = recorder.take(recycle);
            // Both views of an interval hold the same requests.
            assertThat(recycle.raw().getTotalCount())
                    .isEqualTo(recycle.corrected().getTotalCount());
            totalCorrected.add(recycle.corrected());
            totalRaw.add(recycle.raw());
            intervals++;
        }
        writer.join();
        recycle = recorder.take(recycle);
        totalCorrected.add(recycle.corrected());
        totalRaw.add(recycle.raw());
        assertThat(totalCorrected.getTotalCount()).isEqualTo(samples);
        assertThat(totalRaw.getTotalCount()).isEqualTo(samples);
        assertThat(totalCorrected.getMaxValue()).isEqualTo(totalCorrected.highestEquivalentValue(1_006));
    }
}
