package dev.sockbench.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthFramingTest {
    private static final int MAX = 1024;

    /** Two frames back to back: a 16-byte payload (empty body) and a 40-byte one. */
    private static byte[] twoFrames() {
        ByteBuffer b = ByteBuffer.allocate(4 + 16 + 4 + 40);
        Payload small = new Payload(16, 1);
        Payload large = new Payload(40, 2);
        LengthFraming.putPrefix(b, 16);
        small.write(b, 1, 11);
        LengthFraming.putPrefix(b, 40);
        large.write(b, 2, 22);
        return b.array();
    }

    /** Feeds the bytes in two reads split at {@code split}, the way a non-blocking reader would. */
    private static List<Integer> frameSizesWhenSplitAt(byte[] bytes, int split) throws FrameLengthException {
        ByteBuffer in = ByteBuffer.allocate(bytes.length);
        List<Integer> frames = new ArrayList<>();
        for (int[] read : new int[][] {{0, split}, {split, bytes.length}}) {
            in.put(bytes, read[0], read[1] - read[0]);
            in.flip();
            int frame;
            while ((frame = LengthFraming.completeFrameBytes(in, MAX)) != LengthFraming.NEED_MORE) {
                frames.add(frame);
                in.position(in.position() + frame);
            }
            in.compact();
        }
        assertThat(in.position()).as("bytes left over").isZero();
        return frames;
    }

    /** Split 0 and the last split put both frames in one read: several frames in one read are all found. */
    @Test
    void findsBothFramesWhateverByteTheReadIsSplitAt() throws Exception {
        byte[] bytes = twoFrames();
        for (int split = 0; split <= bytes.length; split++) {
            assertThat(frameSizesWhenSplitAt(bytes, split))
                    .as("split at %d", split)
                    .containsExactly(20, 44);
        }
    }

    @Test
    void partialPrefixNeedsMore() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {0, 0, 0});
        assertThat(LengthFraming.completeFrameBytes(in, MAX)).isEqualTo(LengthFraming.NEED_MORE);
    }

    @Test
    void lengthAboveTheCapIsRejectedBeforeThePayloadArrives() {
        ByteBuffer in = ByteBuffer.allocate(4).putInt(MAX + 1).flip();
        assertThatThrownBy(() -> LengthFraming.completeFrameBytes(in, MAX))
                .isInstanceOf(FrameLengthException.class)
                .hasMessageContaining("1025");
    }

    @Test
    void hugeUnsignedLengthIsRejectedNotWrappedNegative() {
        ByteBuffer in = ByteBuffer.allocate(4).putInt(0xFFFF_FFF0).flip();
        assertThatThrownBy(() -> LengthFraming.completeFrameBytes(in, MAX))
                .isInstanceOfSatisfying(FrameLengthException.class, e -> assertThat(e.claimedBytes())
                        .isEqualTo(0xFFFF_FFF0L));
    }

    @Test
    void lengthBelowThePayloadHeaderIsRejected() {
        ByteBuffer in = ByteBuffer.allocate(4).putInt(Payload.HEADER_BYTES - 1).flip();
        assertThatThrownBy(() -> LengthFraming.completeFrameBytes(in, MAX)).isInstanceOf(FrameLengthException.class);
    }

    @Test
    void lengthEqualToTheCapIsAllowed() throws Exception {
        ByteBuffer in =
                ByteBuffer.allocate(4 + MAX).putInt(MAX).position(4 + MAX).flip();
        assertThat(LengthFraming.completeFrameBytes(in, MAX)).isEqualTo(4 + MAX);
    }
}
