package dev.sockbench.servers.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.DomainDatagramPacket;

/**
 * Sends each datagram's content back to its sender (the received buffer itself, retained, no
 * copy) and flushes once per read batch. UDP packets and Unix domain packets are two Netty types
 * with the same shape. One shared instance serves every datagram channel.
 */
@ChannelHandler.Sharable
final class DatagramEchoHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Object reply =
                switch (msg) {
                    case DatagramPacket udp -> new DatagramPacket(udp.content(), udp.sender());
                    case DomainDatagramPacket unix -> new DomainDatagramPacket(unix.content(), unix.sender());
                    default -> throw new IllegalArgumentException("not a datagram: " + msg);
                };
        // The reply takes over the received packet's reference to the buffer: no retain, no release.
        ctx.write(reply, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // One failed datagram (e.g. a Unix peer that went away) must not stop the socket: swallowed.
    }
}
