package dev.sockbench.servers.nio;

import dev.sockbench.core.server.Availability;
import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.spi.SelectorProvider;

/**
 * The JDK's selector implementations, named explicitly so that a model gets the mechanism its id
 * promises, whatever {@code -Djava.nio.channels.spi.SelectorProvider} says. The JVM's default
 * provider is used when it is the one named (epoll on Linux; no reflection needed); the other is
 * instantiated from {@code sun.nio.ch}, which {@link dev.sockbench.core.JvmFlags#ALL} exports, so
 * epoll and poll selectors serve side by side in one JVM. Without the export, the poll backend is
 * unavailable with that cause.
 */
enum SelectorBackend {
    EPOLL("sun.nio.ch.EPollSelectorProvider", "sun.nio.ch.EPollSelectorImpl"),
    POLL("sun.nio.ch.PollSelectorProvider", "sun.nio.ch.PollSelectorImpl");

    private final String providerClass;
    private final String selectorClass;
    private volatile SelectorProvider provider;
    private volatile Availability availability;

    SelectorBackend(String providerClass, String selectorClass) {
        this.providerClass = providerClass;
        this.selectorClass = selectorClass;
    }

    /** The provider; only when {@link #availability()} is available. */
    SelectorProvider provider() {
        if (!availability().available()) {
            throw new IllegalStateException(
                    providerClass + " is unavailable: " + availability().reason());
        }
        return provider;
    }

    /** Whether the provider can be instantiated and really opens a {@code selectorClass}. */
    Availability availability() {
        Availability result = availability;
        if (result == null) {
            result = check();
            availability = result;
        }
        return result;
    }

    private synchronized Availability check() {
        try {
            // The JVM's default provider needs no reflection (nor the export): use it if it fits.
            SelectorProvider candidate = opens(SelectorProvider.provider())
                    ? SelectorProvider.provider()
                    : (SelectorProvider) Class.forName(providerClass)
                            .getDeclaredConstructor()
                            .newInstance();
            if (!opens(candidate)) {
                return Availability.unavailable(providerClass + " does not open a " + selectorClass);
            }
            provider = candidate;
            return Availability.AVAILABLE;
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            // IllegalAccessException here means the JVM runs without JvmFlags.ALL (--add-exports).
            return Availability.unavailable(e);
        }
    }

    private boolean opens(SelectorProvider candidate) throws IOException {
        try (Selector probe = candidate.openSelector()) {
            return probe.getClass().getName().equals(selectorClass);
        }
    }
}
