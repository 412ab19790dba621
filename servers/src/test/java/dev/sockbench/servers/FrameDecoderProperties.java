package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.protocol.Payload;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The property every frame decoder must have, for each to run against its own decoder (a subclass
 * per decoder, {@link #decode}): over byte streams in arbitrary reads it echoes what the {@code
 * length} framing, read straight from its definition ({@link #check}), says it must.
 */
public abstract class FrameDecoderProperties {
    /** Above {@code EchoBuffer}'s starting size, so that its growth is part of the property. */
    public static final int MAX_FRAME_BYTES = 20_000;

    /** Feeds the stream to the decoder in its reads; what came out. */
    protected abstract Outcome decode(Split split) throws Exception;

    @Property(tries = 500)
    public void echoesWholeFramesOfAnyStreamInAnySplit(@ForAll("frameStreams") Split split) throws Exception {
        check(split.stream(), decode(split));
    }

    @Property(tries = 300)
    public void arbitraryBytesAreEchoedOnlyAsWholeFramesOrRejected(@ForAll("noiseStreams") Split split)
            throws Exception {
        check(split.stream(), decode(split));
    }

    @Provide
    public Arbitrary<Split> frameStreams() {
        return splits(streams());
    }

    @Provide
    public Arbitrary<Split> noiseStreams() {
        return splits(noise());
    }

    /** What a decoder did with a stream: the bytes it echoed, and whether it rejected a length. */
    public record Outcome(byte[] echoed, boolean rejected) {}

    /**
     * Streams of mostly well-formed frames (most small, some up to the cap), with now and then
     * arbitrary bytes in between: a length out of range, or a frame cut short.
     */
    static Arbitrary<byte[]> streams() {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.integers().between(Payload.HEADER_BYTES, 600)),
                Tuple.of(1, Arbitraries.integers().between(Payload.HEADER_BYTES, MAX_FRAME_BYTES)));
        Arbitrary<byte[]> frame = sizes.flatMap(
                        n -> Arbitraries.bytes().array(byte[].class).ofSize(n))
                .map(FrameDecoderProperties::frame);
        Arbitrary<byte[]> noise =
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(12);
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(Tuple.of(12, frame), Tuple.of(1, noise));
        return piece.list().ofMaxSize(12).map(FrameDecoderProperties::concat);
    }

    /** Arbitrary bytes, no structure at all. */
    static Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4000);
    }

    /** A stream with the sizes of the reads it arrives in (the last one takes the rest). */
    static Arbitrary<Split> splits(Arbitrary<byte[]> streams) {
        Arbitrary<Integer> read = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(1, 16)),
                Tuple.of(2, Arbitraries.integers().between(1, 700)),
                Tuple.of(1, Arbitraries.integers().between(1, 9000)));
        return Combinators.combine(streams, read.list().ofMaxSize(40)).as(Split::new);
    }

    /** A stream and the sizes of its reads. */
    public record Split(byte[] stream, List<Integer> sizes) {
        /** The stream cut into its reads, in order. */
        public List<byte[]> chunks() {
            List<byte[]> chunks = new ArrayList<>();
            int at = 0;
            for (int size : sizes) {
                if (at >= stream.length) {
                    break;
                }
                int n = Math.min(size, stream.length - at);
                chunks.add(Arrays.copyOfRange(stream, at, at + n));
                at += n;
            }
            if (at < stream.length) {
                chunks.add(Arrays.copyOfRange(stream, at, stream.length));
            }
            return chunks;
        }

        @Override
        public String toString() {
            return stream.length + " bytes in reads of " + sizes;
        }
    }

    /**
     * Checks a decoder's outcome against the definition: it echoes whole well-formed frames, in
     * order and unchanged, and nothing else. Without a bad length it echoes every whole frame of the
     * stream (a partial one at the end waits); with one it rejects the connection, having echoed
     * some of the frames before it (those that came in earlier reads) and none after.
     */
    static void check(byte[] stream, Outcome outcome) {
        List<Integer> ends = new ArrayList<>(); // where each whole well-formed frame ends
        boolean bad = false;
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (in.remaining() >= LengthFraming.PREFIX_BYTES) {
            long length = Integer.toUnsignedLong(in.getInt(in.position()));
            if (length < Payload.HEADER_BYTES || length > MAX_FRAME_BYTES) {
                bad = true;
                break;
            }
            if (in.remaining() < LengthFraming.PREFIX_BYTES + length) {
                break;
            }
            in.position(in.position() + LengthFraming.PREFIX_BYTES + (int) length);
            ends.add(in.position());
        }
        assertThat(outcome.rejected()).as("rejected a length out of range").isEqualTo(bad);
        int echoed = outcome.echoed().length;
        if (bad) {
            assertThat(echoed == 0 || ends.contains(echoed))
                    .as("the echo of %d bytes ends where a frame before the bad length ends %s", echoed, ends)
                    .isTrue();
        } else {
            assertThat(echoed).as("every whole frame echoed").isEqualTo(ends.isEmpty() ? 0 : ends.getLast());
        }
        assertThat(outcome.echoed()).as("the echo is the stream's start").isEqualTo(Arrays.copyOf(stream, echoed));
    }

    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(LengthFraming.PREFIX_BYTES + payload.length)
                .putInt(payload.length)
                .put(payload)
                .array();
    }

    private static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
