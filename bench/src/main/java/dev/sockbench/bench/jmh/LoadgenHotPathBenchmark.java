package dev.sockbench.bench.jmh;

import dev.sockbench.loadgen.pacing.ConstantFireTimes;
import dev.sockbench.loadgen.pacing.Pacer;
import dev.sockbench.loadgen.recording.DatagramWindow;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the load generator spends per request outside the kernel and the protocol ({@link
 * ProtocolBenchmark}): recording both latencies, pacing one send, datagram accounting. A benchmark,
 * not a test: {@code ./run.sh jmh LoadgenHotPath -prof gc} ({@code -prof gc} shows the allocation
 * per operation, which must be ~0 B).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoadgenHotPathBenchmark {
    private LatencyRecorder recorder;
    private Pacer pacer;
    private long nowNs;
    private DatagramWindow window;
    private Tally tally;

    @Setup
    public void setUp() {
        recorder = new LatencyRecorder();
        pacer = new Pacer(new ConstantFireTimes(0, 100_000), 100_000, Pacer.NO_CATCH_UP);
        window = new DatagramWindow(1024);
        tally = new Tally(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Both latencies of one request into the recorder (one phaser critical section). */
    @Benchmark
    public void recordLatency() {
        nowNs += 1_000;
        recorder.record(nowNs - 40_000, nowNs - 30_000, nowNs);
    }

    /** When the next request may leave, and taking it (on schedule, 10 us apart). */
    @Benchmark
    public long paceOneSend() {
        long at = pacer.sendTimeNs(nowNs);
        nowNs = Math.max(nowNs, at);
        return pacer.take(nowNs);
    }

    /** One datagram request opened, sent, answered and classified. */
    @Benchmark
    public int datagramAccounting() {
        long seq = window.open(nowNs);
        window.markSent(seq, nowNs, tally);
        return window.onEcho(seq, nowNs, 1_000_000_000L, tally, recorder);
    }
}
