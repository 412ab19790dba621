package dev.sockbench.bench.jmh;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.servers.blocking.BlockingEcho;
import dev.sockbench.servers.common.EchoBuffer;
import dev.sockbench.servers.netty.NettyServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 64-byte length frame through each server family's echo code, in memory (no socket): what a
 * model spends per message above the kernel. The blocking family's frame loop on streams; the
 * NIO selector and NIO.2 family's {@link EchoBuffer} (fill, find whole frames, drain, keep the
 * tail); Netty's pipeline (frame decoder and echo handler) in an {@link EmbeddedChannel}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandlerBenchmark {
    private byte[] frame;
    private ByteArrayInputStream blockingIn;
    private DataInputStream blockingData;
    private ByteArrayOutputStream blockingOut;
    private DataOutputStream blockingDataOut;
    private byte[] blockingPayload;
    private EchoBuffer nio;
    private EmbeddedChannel netty;
    private ByteBuf nettyFrame;

    @Setup
    public void setUp() {
        ByteBuffer b = ByteBuffer.allocate(LengthFraming.PREFIX_BYTES + ProtocolBenchmark.PAYLOAD_BYTES);
        LengthFraming.putPrefix(b, ProtocolBenchmark.PAYLOAD_BYTES);
        new Payload(ProtocolBenchmark.PAYLOAD_BYTES, 1).write(b, 1, 0);
        frame = b.array();

        blockingIn = new ByteArrayInputStream(frame);
        blockingData = new DataInputStream(blockingIn);
        blockingOut = new ByteArrayOutputStream(frame.length);
        blockingDataOut = new DataOutputStream(blockingOut);
        blockingPayload = new byte[1024];

        nio = new EchoBuffer(Framing.LENGTH, LengthFraming.DEFAULT_MAX_FRAME_BYTES);

        netty = new EmbeddedChannel();
        ServerConfig config = new ServerConfig(
                Endpoint.parse("tcp://127.0.0.1:0"), Framing.LENGTH, LengthFraming.DEFAULT_MAX_FRAME_BYTES, 1);
        NettyServer.addStreamHandlers(netty, config, null);
        nettyFrame = Unpooled.directBuffer(frame.length).writeBytes(frame);
    }

    @TearDown
    public void tearDown() {
        netty.finishAndReleaseAll();
        nettyFrame.release();
    }

    /** Blocking family: read the prefix, check it, read the payload, write both, flush. */
    @Benchmark
    public int blockingEcho() throws IOException {
        blockingIn.reset();
        blockingOut.reset();
        blockingPayload = BlockingEcho.echoFrame(
                blockingData, blockingDataOut, blockingPayload, LengthFraming.DEFAULT_MAX_FRAME_BYTES);
        return blockingOut.size();
    }

    /** NIO selector and NIO.2 family: the bytes of one read, echoed as whole frames. */
    @Benchmark
    public int nioEchoBuffer() throws IOException {
        nio.readBuffer().put(frame);
        if (!nio.prepareEcho()) {
            throw new IllegalStateException("a whole frame was not found");
        }
        ByteBuffer out = nio.writeBuffer();
        int echoed = out.remaining();
        out.position(out.limit()); // as a write that took everything
        nio.echoed();
        return echoed;
    }

    /** Netty family: the frame through the decoder and the echo handler, written back out. */
    @Benchmark
    public int nettyPipeline() {
        netty.writeInbound(nettyFrame.retainedDuplicate());
        ByteBuf out = netty.readOutbound();
        int echoed = out.readableBytes();
        out.release();
        return echoed;
    }
}
