package dev.sockbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.cluster.ClusterMerge.Merged;
import dev.sockbench.bench.cluster.ClusterMerge.Part;
import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.GeneratorCheck;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.RequestAccounting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge adds the parts' histograms and counts: a fast part and a slow one give the percentiles
 * of all their samples together, not the mean of theirs; one invalid or missing part makes the case
 * invalid, naming its agent.
 */
class ClusterMergeTest {
    @TempDir
    Path dir;

    /** A part whose every request took {@code latencyNs}, in two one-second intervals. */
    private Part part(String agent, long latencyNs, long requests, List<String> reasons) throws Exception {
        Path hlog = dir.resolve(agent + ".hlog");
        try (LatencyLog log = LatencyLog.create(hlog, 1_000)) {
            for (int i = 0; i < 2; i++) {
                Histogram h = new Histogram(3);
                h.recordValueWithCount(latencyNs, requests / 2);
                h.setStartTimeStamp(1_000 + i * 1_000L);
                h.setEndTimeStamp(2_000 + i * 1_000L);
                log.write(LatencyLog.CORRECTED, h);
                log.write(LatencyLog.RAW, h);
            }
        }
        Histogram all = new Histogram(3);
        all.recordValueWithCount(latencyNs, requests);
        Percentiles p = Percentiles.ofNanos(all);
        LoadReport report = LoadReport.builder()
                .invalidReasons(reasons)
                .load(CaseLoad.builder()
                        .transport("tcp")
                        .framing("length")
                        .shape("closed")
                        .connections(2)
                        .durationSec(2)
                        .achievedRatePerSec(requests / 2.0)
                        .requests(requests)
                        .accounting(new RequestAccounting(requests, requests, 0, 0, 0, 0))
                        .errors(new ErrorCounts(0, 1, 0, 0, 0))
                        .build())
                .latencyUs(new LatencyUs(p, p))
                .generator(new GeneratorCheck(1, 1_000L, 1_000.0 / requests, 40, null, null, null, null))
                .build();
        return new Part(agent, agent + ":5701", report, hlog);
    }

    @Test
    void histogramsAreAddedNotTheirPercentilesAveraged() throws Exception {
        // 9,000 fast requests and 1,000 slow ones: the p99 of the whole is the slow one's.
        Part fast = part("h1", 10_000, 9_000, List.of());
        Part slow = part("h2", 5_000_000, 1_000, List.of());
        Path hlog = dir.resolve("latency.hlog");

        Merged merged = ClusterMerge.merge(List.of(fast, slow), List.of(), hlog);

        LoadReport r = merged.report();
        assertThat(r.valid()).isTrue();
        assertThat(r.load().requests()).isEqualTo(10_000);
        assertThat(r.load().connections()).isEqualTo(4);
        assertThat(r.load().achievedRatePerSec()).isEqualTo(5_000);
        assertThat(r.load().accounting().answered()).isEqualTo(10_000);
        assertThat(r.load().errors().read()).isEqualTo(2);
        assertThat(r.latencyUs().corrected().p50()).isCloseTo(10, org.assertj.core.data.Offset.offset(0.1));
        assertThat(r.latencyUs().corrected().p99()).isGreaterThan(4_990);
        Histogram combined = new Histogram(3);
        combined.recordValueWithCount(10_000, 9_000);
        combined.recordValueWithCount(5_000_000, 1_000);
        assertThat(r.latencyUs().raw()).isEqualTo(Percentiles.ofNanos(combined));
        assertThat(r.generator().threads()).isEqualTo(2);
        assertThat(r.generator().cpuUsPerRequest()).isEqualTo(0.2);
        // The case's log: the parts' n-th intervals added into its n-th.
        assertThat(LatencyLog.readIntervals(hlog, LatencyLog.CORRECTED))
                .hasSize(2)
                .allSatisfy(h -> assertThat(h.getTotalCount()).isEqualTo(5_000));
        assertThat(merged.parts())
                .extracting(p -> p.agent(), p -> p.requests())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("h1", 9_000L),
                        org.assertj.core.groups.Tuple.tuple("h2", 1_000L));
    }

    @Test
    void anInvalidOrMissingPartMakesTheCaseInvalidNamingItsAgent() throws Exception {
        Part good = part("h1", 10_000, 2_000, List.of());
        Part behind = part("h2", 10_000, 2_000, List.of("send lag p99 too high"));

        LoadReport r = ClusterMerge.merge(List.of(good, behind), List.of("agent h3 left"), dir.resolve("l.hlog"))
                .report();

        assertThat(r.valid()).isFalse();
        assertThat(r.invalidReasons()).containsExactly("agent h3 left", "agent h2: send lag p99 too high");
    }

    @Test
    void onePartIsTheWholeLoadAsItWasReported() throws Exception {
        Part only = part("h1", 10_000, 2_000, List.of());
        Path hlog = dir.resolve("one.hlog");

        LoadReport r = ClusterMerge.merge(List.of(only), List.of(), hlog).report();

        assertThat(r.latencyUs()).isEqualTo(only.report().latencyUs());
        assertThat(r.load()).isEqualTo(only.report().load());
        assertThat(Files.readAllBytes(hlog)).isEqualTo(Files.readAllBytes(only.hlog()));
    }
}
