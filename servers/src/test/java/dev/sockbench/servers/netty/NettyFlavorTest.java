package dev.sockbench.servers.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.server.Availability;
import dev.sockbench.servers.KernelIoUring;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollSocketChannel;
import org.junit.jupiter.api.Test;

class NettyFlavorTest {
    /** Netty's epoll library is bundled for Linux: it loads here (this is also what loads it). */
    private static EpollSocketChannel epollChannel() {
        assertThat(NettyFlavor.EPOLL_ET.availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(NettyFlavor.EPOLL_LT.availability()).isEqualTo(Availability.AVAILABLE);
        return new EpollSocketChannel();
    }

    @Test
    void aModeThatDidNotTakeFailsTheCheck() {
        EpollSocketChannel channel = epollChannel();
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
    void ioUringHasNoModeToCheck() {
        EpollSocketChannel channel = epollChannel();
        try {
            NettyFlavor.IOURING.checkMode(channel); // nothing to check, nothing thrown
        } finally {
            channel.unsafe().closeForcibly();
        }
    }

    @Test
    void ioUringIsAvailableExactlyWhereTheKernelCreatesARing() {
        Availability availability = NettyFlavor.IOURING.availability();

        if (KernelIoUring.permitted()) {
            assertThat(availability).as(KernelIoUring.describe()).isEqualTo(Availability.AVAILABLE);
        } else {
            // Refused by the kernel: the cause Netty gave, by type and first line.
            assertThat(availability.available()).as(KernelIoUring.describe()).isFalse();
            assertThat(availability.reason()).matches("\\w+(Exception|Error)(: .*)?");
        }
    }
}
