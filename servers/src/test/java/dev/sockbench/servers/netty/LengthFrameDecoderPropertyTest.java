package dev.sockbench.servers.netty;

import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.servers.FrameDecoderProperties;
import dev.sockbench.servers.FrameDecoderProperties.Outcome;
import dev.sockbench.servers.FrameDecoderProperties.Split;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;

/** The Netty models' frame decoder over arbitrary byte streams in arbitrary reads (see {@link FrameDecoderProperties#check}). */
class LengthFrameDecoderPropertyTest extends FrameDecoderProperties {
    /** Each read is one inbound buffer; each frame the decoder passes on is what the echo handler writes back. */
    @Override
    protected Outcome decode(Split split) {
        EmbeddedChannel channel = new EmbeddedChannel(new LengthFrameDecoder(FrameDecoderProperties.MAX_FRAME_BYTES));
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
