package dev.sockbench.servers.netty;

import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.servers.FrameStreams;
import dev.sockbench.servers.FrameStreams.Outcome;
import dev.sockbench.servers.FrameStreams.Split;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The Netty models' frame decoder over arbitrary byte streams in arbitrary reads (see {@link FrameStreams#check}). */
class LengthFrameDecoderPropertyTest {
    @Property(tries = 500)
    void echoesWholeFramesOfAnyStreamInAnySplit(@ForAll("frameStreams") Split split) {
        FrameStreams.check(split.stream(), decode(split));
    }

    @Property(tries = 300)
    void arbitraryBytesAreEchoedOnlyAsWholeFramesOrRejected(@ForAll("noise") Split split) {
        FrameStreams.check(split.stream(), decode(split));
    }

    @Provide
    Arbitrary<Split> frameStreams() {
        return FrameStreams.splits(FrameStreams.streams());
    }

    @Provide
    Arbitrary<Split> noise() {
        return FrameStreams.splits(FrameStreams.noise());
    }

    /** Each read is one inbound buffer; each frame the decoder passes on is what the echo handler writes back. */
    private static Outcome decode(Split split) {
        EmbeddedChannel channel = new EmbeddedChannel(new LengthFrameDecoder(FrameStreams.MAX_FRAME_BYTES));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean rejected = false;
        try {
            for (byte[] chunk : split.chunks()) {
                channel.writeInbound(Unpooled.wrappedBuffer(chunk));
                drain(channel, out);
            }
        } catch (DecoderException e) {
            if (!(e.getCause() instanceof FrameLengthException)) {
                throw e;
            }
            drain(channel, out);
            rejected = true;
        } finally {
            channel.finishAndReleaseAll();
        }
        return new Outcome(out.toByteArray(), rejected);
    }

    private static void drain(EmbeddedChannel channel, ByteArrayOutputStream out) {
        ByteBuf frame;
        while ((frame = channel.readInbound()) != null) {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            frame.release();
            out.writeBytes(bytes);
        }
    }
}
