package dev.sockbench.servers.netty;

import dev.sockbench.servers.common.AcceptBackoff;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.RejectedExecutionException;

/**
 * On a listening channel: a failed accept stops reading the listener for {@link
 * AcceptBackoff#PAUSE} and is counted, the way every model backs off. Netty's own acceptor would
 * pause as well, but then hands the exception to the pipeline's tail, which logs it through
 * java.util.logging: out of file descriptors, that log cannot open the time-zone file, and the
 * accept loop's thread dies of it (seen with 160 descriptors) — the server never accepts again. So
 * the exception ends here.
 */
final class AcceptPause extends ChannelInboundHandlerAdapter {
    private final AcceptBackoff backoff;

    AcceptPause(AcceptBackoff backoff) {
        this.backoff = backoff;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Channel listener = ctx.channel();
        listener.config().setAutoRead(false);
        backoff.failedThenResume(cause, () -> {
            try {
                listener.eventLoop().execute(() -> listener.config().setAutoRead(true));
            } catch (RejectedExecutionException stopped) {
                // The server stopped meanwhile.
            }
        });
    }
}
