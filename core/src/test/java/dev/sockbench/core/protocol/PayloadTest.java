package dev.sockbench.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void headerCarriesSequenceAndSendTimeBigEndian() {
        Payload payload = new Payload(64, 42);
        ByteBuffer out = ByteBuffer.allocate(64);
        payload.write(out, 0x0102030405060708L, 99L);
        assertThat(out.position()).isEqualTo(64);
        assertThat(out.array()[0]).isEqualTo((byte) 0x01);
        assertThat(out.array()[7]).isEqualTo((byte) 0x08);
        assertThat(Payload.sequenceAt(out, 0)).isEqualTo(0x0102030405060708L);
        assertThat(Payload.sendTimeNsAt(out, 0)).isEqualTo(99L);
    }

    @Test
    void echoOfTheSameBytesMatchesInHeapAndDirectBuffers() {
        Payload payload = new Payload(100, 7);
        ByteBuffer heap = ByteBuffer.allocate(110);
        heap.position(10);
        payload.write(heap, 5, 6);
        ByteBuffer direct = ByteBuffer.allocateDirect(110).put(heap.flip());
        assertThat(payload.bodyMatches(heap, 10, 100)).isTrue();
        assertThat(payload.bodyMatches(direct, 10, 100)).isTrue();
    }

    @Test
    void aFlippedBodyBitOrWrongLengthFailsTheCheck() {
        Payload payload = new Payload(64, 7);
        ByteBuffer b = ByteBuffer.allocate(64);
        payload.write(b, 1, 2);
        assertThat(payload.bodyMatches(b, 0, 63)).isFalse();
        b.put(40, (byte) (b.get(40) ^ 1));
        assertThat(payload.bodyMatches(b, 0, 64)).isFalse();
    }

    @Test
    void aHeaderOnlyPayloadHasAnEmptyBodyThatMatches() {
        Payload payload = new Payload(Payload.HEADER_BYTES, 1);
        ByteBuffer b = ByteBuffer.allocate(16);
        payload.write(b, 3, 4);
        assertThat(payload.bodyMatches(b, 0, 16)).isTrue();
    }

    @Test
    void aPayloadSmallerThanItsHeaderIsRefused() {
        assertThatThrownBy(() -> new Payload(15, 1)).hasMessageContaining("header");
    }
}
