package dev.sockbench.core.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.protocol.Payload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandlerTest {
    @Test
    void pricingTotalsEveryLineAndStampsTheOrder() throws Exception {
        Order request = new Order(
                7,
                "C-1",
                "Ada",
                1_700_000_000_000L,
                List.of(new Order.Item("A", "a", 250, 3, 0), new Order.Item("B", "b", 1_999, 2, 0)),
                0,
                Orders.NEW);
        Order priced = Orders.price(request);
        assertThat(priced.items()).extracting(Order.Item::lineTotalCents).containsExactly(750L, 3_998L);
        assertThat(priced.totalCents()).isEqualTo(4_748);
        assertThat(priced.status()).isEqualTo(Orders.PRICED);
        assertThat(priced.orderId()).isEqualTo(7);
    }

    @Test
    void aTotalThatOverflowsIsMalformed() {
        Order request =
                new Order(1, "C", "N", 0, List.of(new Order.Item("A", "a", Long.MAX_VALUE, 2, 0)), 0, Orders.NEW);
        assertThatThrownBy(() -> Orders.price(request)).isInstanceOf(MalformedRequestException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1024, 4096, 16 * 1024, 64 * 1024})
    void aRequestIsAsLargeAsThePayloadAsksInJsonAndTheSameOrderInProtobuf(int payloadBytes) throws Exception {
        Order order = Orders.request(3, payloadBytes - Payload.HEADER_BYTES);
        int json = HandlerKind.JSON.codec().encode(order).length;
        int body = payloadBytes - Payload.HEADER_BYTES;
        assertThat(json).as("within an item of the size asked").isBetween(body - 100, body);
        byte[] protobuf = HandlerKind.PROTOBUF.codec().encode(order);
        assertThat(protobuf.length).isLessThan(json);
        assertThat(HandlerKind.PROTOBUF.codec().decode(protobuf, 0, protobuf.length))
                .isEqualTo(order);
        assertThat(Orders.request(3, payloadBytes - Payload.HEADER_BYTES)).isEqualTo(order); // the seed decides
    }

    @Test
    void theSmallestOrderHasOneItem() {
        assertThat(Orders.request(3, 0).items()).hasSize(1);
        assertThat(Orders.request(3, 200).items()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(HandlerKind.class)
    void theServersReplyIsTheReplyTheGeneratorExpects(HandlerKind kind) throws Exception {
        Payload payload = Payload.forHandler(kind, 512, 9);
        ByteBuffer request = ByteBuffer.allocate(payload.payloadBytes());
        payload.write(request, 42, 1234);
        byte[] reply =
                RequestHandler.of(new Handling(kind, Work.NONE, 0)).reply(request.array(), 0, request.capacity());
        ByteBuffer replied = ByteBuffer.wrap(reply);
        assertThat(Payload.sequenceAt(replied, 0)).isEqualTo(42);
        assertThat(Payload.sendTimeNsAt(replied, 0)).isEqualTo(1234);
        assertThat(payload.bodyMatches(replied, 0, reply.length)).isTrue();
        if (kind != HandlerKind.ECHO) {
            Order priced = kind.codec().decode(reply, Payload.HEADER_BYTES, reply.length - Payload.HEADER_BYTES);
            assertThat(priced.status()).isEqualTo(Orders.PRICED);
            assertThat(priced.totalCents())
                    .isPositive()
                    .isEqualTo(priced.items().stream()
                            .mapToLong(i -> i.priceCents() * i.quantity())
                            .sum());
            reply[reply.length - 3] ^= 1; // one bit of the content wrong: the check fails
            assertThat(payload.bodyMatches(replied, 0, reply.length)).isFalse();
        }
    }

    @Test
    void aBodyThatIsNoOrderIsMalformed() {
        byte[] request = new byte[Payload.HEADER_BYTES + 12];
        System.arraycopy("not an order".getBytes(StandardCharsets.US_ASCII), 0, request, Payload.HEADER_BYTES, 12);
        assertThatThrownBy(() -> RequestHandler.of(new Handling(HandlerKind.JSON, Work.NONE, 0))
                        .reply(request, 0, request.length))
                .isInstanceOf(MalformedRequestException.class);
        request[Payload.HEADER_BYTES] = (byte) 0xFF; // no valid protobuf tag
        assertThatThrownBy(() -> RequestHandler.of(new Handling(HandlerKind.PROTOBUF, Work.NONE, 0))
                        .reply(request, 0, request.length))
                .isInstanceOf(MalformedRequestException.class);
        assertThatThrownBy(() -> RequestHandler.of(Handling.ECHO).reply(request, 0, 8))
                .isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void workIsParsedAndWrittenBackTheSameWay() {
        assertThat(Work.parse("cpu=20us")).isEqualTo(new Work(Work.Kind.CPU, 20_000));
        assertThat(Work.parse("block=2ms").text()).isEqualTo("block=2ms");
        assertThat(Work.parse("none")).isEqualTo(Work.NONE);
        for (String bad : List.of("cpu", "cpu=", "cpu=fast", "sleep=2ms", "block=0ms", "block=2s")) {
            assertThatThrownBy(() -> Work.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected none, cpu=DURATION or block=DURATION");
        }
        assertThatThrownBy(() -> HandlerKind.fromId("xml"))
                .hasMessage("unknown handler 'xml'; accepted: echo, json, protobuf");
    }

    @Test
    void blockingWorkWaitsAtLeastItsDurationAndCpuWorkIsCalibrated() {
        long start = System.nanoTime();
        Work.parse("block=5ms").perform();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(5_000_000);
        assertThat(Work.Spin.iterationsFor(20_000)).isGreaterThan(1);
    }
}
