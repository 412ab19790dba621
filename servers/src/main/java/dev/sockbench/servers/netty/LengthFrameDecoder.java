package dev.sockbench.servers.netty;

import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.core.protocol.LengthFraming;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a stream into whole {@code length} frames, prefix included, as retained slices of the
 * received buffer (no copy). The prefix is checked with core's {@link LengthFraming} rule as soon as
 * its four bytes are in, so an out-of-range claim fails before anything of its size is allocated;
 * the {@link dev.sockbench.core.protocol.FrameLengthException} reaches {@link EchoHandler} inside a
 * {@code DecoderException}.
 */
final class LengthFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;

    LengthFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        while (in.readableBytes() >= LengthFraming.PREFIX_BYTES) {
            long payloadBytes = in.getUnsignedInt(in.readerIndex());
            try {
                LengthFraming.checkPayloadBytes(payloadBytes, maxFrameBytes);
            } catch (FrameLengthException e) {
                in.skipBytes(in.readableBytes()); // or the decoder meets it again when the channel closes
                throw e;
            }
            int frameBytes = LengthFraming.PREFIX_BYTES + (int) payloadBytes;
            if (in.readableBytes() < frameBytes) {
                return;
            }
            out.add(in.readRetainedSlice(frameBytes));
        }
    }
}
