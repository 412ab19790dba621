package dev.sockbench.servers.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Writes back whatever reaches it (whole frames after {@link LengthFrameDecoder}, or raw bytes) and
 * flushes once per read batch, in {@link #channelReadComplete}: one {@code writev} for everything
 * a read produced. When the peer does not keep up, reading pauses until the outbound buffer drains
 * (Netty's writability), so a slow reader cannot make the server buffer without bound. One shared
 * instance serves every connection.
 *
 * <p>A peer that shuts down its output after its last frame still gets that frame's echo: the
 * channels allow half-closure ({@code ChannelOption.ALLOW_HALF_CLOSURE}, set by {@link
 * NettyServer}), so the end of input arrives here as an event, and the connection is closed once
 * everything written before it has gone out. (Without it Netty closes on the end of input; on
 * io_uring that close overtook the echo's write still in flight: most such echoes were lost.)
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
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a frame length out of range (from the decoder), or the peer reset
    }
}
