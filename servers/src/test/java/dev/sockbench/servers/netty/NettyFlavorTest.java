package dev.sockbench.servers.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollSocketChannel;
import org.junit.jupiter.api.Test;

class NettyFlavorTest {
    @Test
    void aModeThatDidNotTakeFailsTheCheck() {
        assumeTrue(
                NettyFlavor.EPOLL_ET.availability().available(),
                NettyFlavor.EPOLL_ET.availability().reason());
        EpollSocketChannel channel = new EpollSocketChannel();
        try {
            channel.config().setEpollMode(EpollMode.LEVEL_TRIGGERED);
            NettyFlavor.EPOLL_LT.checkMode(channel);
            assertThatThrownBy(() -> NettyFlavor.EPOLL_ET.checkMode(channel))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("EDGE_TRIGGERED did not take")
                    .hasMessageContaining("LEVEL_TRIGGERED");
        } finally {
            channel.unsafe().closeForcibly(); // never registered: nothing but its file descriptor to close
        }
    }

    @Test
    void ioUringHasNoModeToCheckAndReportsItsAvailability() {
        assumeTrue(
                NettyFlavor.EPOLL_LT.availability().available(),
                NettyFlavor.EPOLL_LT.availability().reason());
        EpollSocketChannel channel = new EpollSocketChannel();
        try {
            NettyFlavor.IOURING.checkMode(channel); // nothing to check, nothing thrown
        } finally {
            channel.unsafe().closeForcibly();
        }
        var availability = NettyFlavor.IOURING.availability();
        assertThat(availability.available() || !availability.reason().isBlank()).isTrue();
    }
}
