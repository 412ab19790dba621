package dev.sockbench.bench.jmh;

import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.handler.MalformedRequestException;
import dev.sockbench.core.handler.Order;
import dev.sockbench.core.handler.OrderCodec;
import dev.sockbench.core.handler.Orders;
import dev.sockbench.core.protocol.Payload;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two handler codecs on the same order ({@link Orders#request}, sized by the payload as the
 * load generator sizes it): encode plus decode of one message, µs; its bytes on the wire (the
 * encoded order, without frame prefix or header) are printed once per trial ({@code wire: ...}).
 * {@code ./run.sh jmh Codec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"json", "protobuf"})
    public String codec;

    @Param({"256", "1024", "4096", "16384", "65536"})
    public int payloadBytes;

    private OrderCodec orderCodec;
    private Order order;

    @Setup
    public void setUp() {
        orderCodec = HandlerKind.fromId(codec).codec();
        order = Orders.request(1, payloadBytes - Payload.HEADER_BYTES);
        // The bytes on the wire, in JMH's log beside the time (a secondary result would be summed over iterations).
        System.out.println("wire: " + codec + " at --payload " + payloadBytes + ": " + orderCodec.encode(order).length
                + " bytes, " + order.items().size() + " items");
    }

    /** One message out and back in: what a server pays per request on top of the I/O. */
    @Benchmark
    public Order encodeDecode() throws MalformedRequestException {
        byte[] bytes = orderCodec.encode(order);
        return orderCodec.decode(bytes, 0, bytes.length);
    }
}
