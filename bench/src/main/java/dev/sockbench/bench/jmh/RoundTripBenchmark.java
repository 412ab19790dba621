package dev.sockbench.bench.jmh;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.servers.ServerModels;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 64-byte length frame's round trip over TCP loopback against a model's server, timed by JMH
 * ({@code SampleTime}: a distribution, not an average): an independent measurement of what the load
 * generator's {@code ping-pong} shape measures, for {@code bench/scripts/fidelity.sh}. The client
 * is a blocking {@link SocketChannel} on the benchmark thread: write the frame, read the echo.
 * The server runs in the benchmark's JVM, on its own threads (the generator's runs in a process of
 * its own), which is one difference to keep in mind when the two disagree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoundTripBenchmark {
    @Param({"nio-epoll"})
    public String model;

    private RunningServer server;
    private SocketChannel channel;
    private ByteBuffer request;
    private ByteBuffer reply;

    @Setup
    public void setUp() throws IOException {
        server = ServerModels.byId(model)
                .start(new ServerConfig(
                        Endpoint.parse("tcp://127.0.0.1:0"), Framing.LENGTH, LengthFraming.DEFAULT_MAX_FRAME_BYTES, 0));
        channel = SocketChannel.open(server.endpoint().socketAddress());
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        int frameBytes = LengthFraming.PREFIX_BYTES + ProtocolBenchmark.PAYLOAD_BYTES;
        request = ByteBuffer.allocateDirect(frameBytes);
        LengthFraming.putPrefix(request, ProtocolBenchmark.PAYLOAD_BYTES);
        new Payload(ProtocolBenchmark.PAYLOAD_BYTES, 1).write(request, 1, 0);
        reply = ByteBuffer.allocateDirect(frameBytes);
    }

    @TearDown
    public void tearDown() throws IOException {
        channel.close();
        server.close();
    }

    @Benchmark
    public int roundTrip() throws IOException {
        request.clear();
        while (request.hasRemaining()) {
            channel.write(request);
        }
        reply.clear();
        while (reply.hasRemaining()) {
            if (channel.read(reply) < 0) {
                throw new IOException("the server closed the connection");
            }
        }
        return reply.getInt(0);
    }
}
