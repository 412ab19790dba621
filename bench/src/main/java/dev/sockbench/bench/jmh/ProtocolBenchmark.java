package dev.sockbench.bench.jmh;

import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.protocol.Payload;
import java.nio.ByteBuffer;
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
 * The wire protocol's hot paths on a 64-byte payload: encoding a length frame, finding a whole
 * frame in a read buffer (the decoder every non-blocking server and the generator run per
 * message), and verifying an echo (sequence number and CRC32C of the body). Targets: decoding ≤ 50
 * ns, and no allocation ({@code ./run.sh jmh Protocol -prof gc}: {@code gc.alloc.rate.norm} ≈ 0 B/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProtocolBenchmark {
    static final int PAYLOAD_BYTES = 64;

    private Payload payload;
    private ByteBuffer frameOut;
    private ByteBuffer frameIn;
    private ByteBuffer echo;
    private long sequence;

    @Setup
    public void setUp() {
        payload = new Payload(PAYLOAD_BYTES, 1);
        frameOut = ByteBuffer.allocateDirect(LengthFraming.PREFIX_BYTES + PAYLOAD_BYTES);
        frameIn = ByteBuffer.allocateDirect(LengthFraming.PREFIX_BYTES + PAYLOAD_BYTES);
        LengthFraming.putPrefix(frameIn, PAYLOAD_BYTES);
        payload.write(frameIn, 7, 0);
        frameIn.flip();
        echo = ByteBuffer.allocateDirect(PAYLOAD_BYTES);
        payload.write(echo, 7, 0);
    }

    /** A request as the generator writes it: length prefix, sequence, send time, body. */
    @Benchmark
    public ByteBuffer encodeFrame() {
        frameOut.clear();
        LengthFraming.putPrefix(frameOut, PAYLOAD_BYTES);
        payload.write(frameOut, ++sequence, sequence);
        return frameOut;
    }

    /** Whether the read buffer holds a whole frame, and how long it is (prefix checked). */
    @Benchmark
    public int decodeFrame() throws FrameLengthException {
        return LengthFraming.completeFrameBytes(frameIn, LengthFraming.DEFAULT_MAX_FRAME_BYTES);
    }

    /** An echo checked as the generator checks every one: its sequence number and its body's CRC32C. */
    @Benchmark
    public boolean verifyEcho() {
        return Payload.sequenceAt(echo, 0) == 7 && payload.bodyMatches(echo, 0, PAYLOAD_BYTES);
    }
}
