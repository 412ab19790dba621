package dev.sockbench.servers.nio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.Selector;
import org.junit.jupiter.api.Test;

/** Both JDK backends open side by side in one JVM, each the selector its model names. */
class SelectorBackendTest {
    @Test
    void pollBackendOpensAPollSelector() throws IOException {
        assertThat(SelectorBackend.POLL.availability().available())
                .as(SelectorBackend.POLL.availability().reason())
                .isTrue();
        try (Selector selector = SelectorBackend.POLL.provider().openSelector()) {
            assertThat(selector.getClass().getName()).isEqualTo("sun.nio.ch.PollSelectorImpl");
        }
    }

    @Test
    void epollBackendOpensAnEpollSelectorInTheSameJvm() throws IOException {
        try (Selector poll = SelectorBackend.POLL.provider().openSelector();
                Selector epoll = SelectorBackend.EPOLL.provider().openSelector()) {
            assertThat(epoll.getClass().getName()).isEqualTo("sun.nio.ch.EPollSelectorImpl");
            assertThat(poll.getClass()).isNotEqualTo(epoll.getClass());
        }
    }
}
