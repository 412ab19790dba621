package dev.sockbench.servers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.protocol.Payload;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EchoBufferTest {
    private static final int MAX = 64 * 1024;

    private static byte[] frame(int payloadBytes, long sequence) {
        ByteBuffer b = ByteBuffer.allocate(LengthFraming.PREFIX_BYTES + payloadBytes);
        LengthFraming.putPrefix(b, payloadBytes);
        new Payload(payloadBytes, sequence).write(b, sequence, 0);
        return b.array();
    }

    /** Feeds {@code bytes} in reads of {@code readBytes}, drains every echo, returns what was echoed. */
    private static byte[] echoInReadsOf(EchoBuffer echo, byte[] bytes, int readBytes) throws FrameLengthException {
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        int at = 0;
        while (at < bytes.length) {
            ByteBuffer in = echo.readBuffer();
            assertThat(in.remaining()).as("room to read").isPositive();
            int n = Math.min(Math.min(readBytes, bytes.length - at), in.remaining()); // a read fills what fits
            in.put(bytes, at, n);
            at += n;
            if (echo.prepareEcho()) {
                ByteBuffer out = echo.writeBuffer();
                byte[] chunk = new byte[out.remaining()];
                out.get(chunk);
                echoed.writeBytes(chunk);
                echo.echoed();
            }
        }
        return echoed.toByteArray();
    }

    @Test
    void echoesOnlyWholeFramesAndKeepsThePartialTail() throws Exception {
        byte[] first = frame(16, 1);
        byte[] second = frame(100, 2);
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        EchoBuffer echo = new EchoBuffer(Framing.LENGTH, MAX);
        echo.readBuffer().put(both, 0, first.length + 10); // one frame and a bit of the next
        assertThat(echo.prepareEcho()).isTrue();
        assertThat(echo.writeBuffer().remaining()).isEqualTo(first.length);
        echo.writeBuffer().position(echo.writeBuffer().limit());
        echo.echoed();
        assertThat(echo.readBuffer().position()).as("the partial frame is kept").isEqualTo(10);

        echo.readBuffer().put(both, first.length + 10, second.length - 11); // all but its last byte
        assertThat(echo.prepareEcho()).isFalse();
        echo.readBuffer().put(both, both.length - 1, 1);
        assertThat(echo.prepareEcho()).isTrue();
        byte[] echoed = new byte[echo.writeBuffer().remaining()];
        echo.writeBuffer().get(echoed);
        assertThat(echoed).isEqualTo(second);
    }

    @Test
    void anySplitOfManyFramesEchoesTheSameBytes() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 30; i++) {
            stream.writeBytes(frame(16 + i * 37, i));
        }
        byte[] bytes = stream.toByteArray();
        for (int readBytes : new int[] {1, 3, 7, 64, 1000, bytes.length}) {
            assertThat(echoInReadsOf(new EchoBuffer(Framing.LENGTH, MAX), bytes, readBytes))
                    .as("reads of " + readBytes)
                    .isEqualTo(bytes);
        }
    }

    @Test
    void growsForAFrameLargerThanItButNotBeyondTheCap() throws Exception {
        byte[] large = frame(MAX, 1); // larger than the initial buffer
        assertThat(large.length).isGreaterThan(EchoBuffer.INITIAL_BYTES);
        EchoBuffer echo = new EchoBuffer(Framing.LENGTH, MAX);
        assertThat(echoInReadsOf(echo, large, 5000)).isEqualTo(large);
        assertThat(echo.readBuffer().capacity()).isEqualTo(LengthFraming.PREFIX_BYTES + MAX);
    }

    @Test
    void aLengthOutOfRangeFailsAsSoonAsItsPrefixIsInWithoutGrowing() {
        for (long claimed : new long[] {MAX + 1L, Payload.HEADER_BYTES - 1, 0xFFFF_FFFFL}) {
            EchoBuffer echo = new EchoBuffer(Framing.LENGTH, MAX);
            echo.readBuffer().putInt((int) claimed);
            assertThatThrownBy(echo::prepareEcho)
                    .isInstanceOf(FrameLengthException.class)
                    .hasMessageContaining(Long.toString(claimed));
            assertThat(echo.readBuffer().capacity()).isEqualTo(EchoBuffer.INITIAL_BYTES);
        }
    }

    @Test
    void rawFramingEchoesEveryByteAsItComes() throws Exception {
        byte[] bytes = new byte[50_000];
        new java.util.SplittableRandom(1).nextBytes(bytes);
        EchoBuffer echo = new EchoBuffer(Framing.RAW, MAX);
        assertThat(echoInReadsOf(echo, bytes, 3333)).isEqualTo(bytes);
        assertThat(echo.readBuffer().capacity()).as("raw never grows").isEqualTo(EchoBuffer.INITIAL_BYTES);
    }
}
