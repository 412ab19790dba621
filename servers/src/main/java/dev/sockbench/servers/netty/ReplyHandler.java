package dev.sockbench.servers.netty;

import dev.sockbench.core.handler.MalformedRequestException;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.servers.common.HandlerRuntime;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * The handler in place of {@link EchoHandler} ({@code --handler}, {@code --work}): each whole
 * frame from {@link LengthFrameDecoder} is handed to the request handler and its reply written,
 * one flush per read batch. It runs on the channel's event loop, or with {@code --offload} on a
 * thread of the server's {@code DefaultEventExecutorGroup} (Netty's own way to keep blocking work
 * off the loop: each channel stays on one of its threads, so replies keep their order, and Netty
 * hands every write back to the loop). One shared instance serves every connection; the flush per
 * read batch, the back-pressure and the close on errors are {@link EchoHandler}'s.
 */
@ChannelHandler.Sharable
final class ReplyHandler extends EchoHandler {
    private final HandlerRuntime handling;

    ReplyHandler(HandlerRuntime handling) {
        this.handling = handling;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            frame.skipBytes(LengthFraming.PREFIX_BYTES);
            byte[] request = new byte[frame.readableBytes()];
            frame.readBytes(request);
            byte[] reply = handling.handler().reply(request, 0, request.length);
            ByteBuf out = ctx.alloc().buffer(LengthFraming.PREFIX_BYTES + reply.length);
            out.writeInt(reply.length).writeBytes(reply);
            ctx.write(out, ctx.voidPromise());
        } catch (MalformedRequestException e) {
            handling.malformed();
            ctx.close();
        } finally {
            frame.release();
        }
    }
}
