package dev.sockbench.servers.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Writes back whatever reaches it (whole frames after {@link LengthFrameDecoder}, or raw bytes) and
 * flushes once per read batch, in {@link #channelReadComplete}: one {@code writev} for everything
 * a read produced. When the peer does not keep up, reading pauses until the outbound buffer drains
 * (Netty's writability), so a slow reader cannot make the server buffer without bound. One shared
 * instance serves every connection.
 */
@ChannelHandler.Sharable
class EchoHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.write(msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a frame length out of range (from the decoder), or the peer reset
    }
}
