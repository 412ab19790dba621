package dev.sockbench.servers.netty;

import dev.sockbench.core.protocol.FrameLengthException;
import dev.sockbench.core.server.ServerCounters;
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
final class EchoHandler extends ChannelInboundHandlerAdapter {
    private final ServerCounters counters;

    EchoHandler(ServerCounters counters) {
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counters.connectionAccepted();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        counters.connectionClosed();
        ctx.fireChannelInactive();
    }

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
        if (causedBy(cause, FrameLengthException.class)) {
            counters.protocolError();
        } else {
            counters.ioError(); // e.g. reset by the peer
        }
        ctx.close();
    }

    private static boolean causedBy(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
