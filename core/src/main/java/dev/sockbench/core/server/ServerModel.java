package dev.sockbench.core.server;

import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One server I/O model: a way of serving the echo protocol (a thread per connection, a selector
 * loop, Netty epoll, ...). Implementations are listed explicitly in the servers module's
 * {@code ServerModels} registry.
 *
 * <p>Every cell of the model × transport matrix is one of: served ({@link #supports} true and
 * {@link #availability} available), {@code n/a} (no library can serve it; {@link
 * #unsupportedReason} says why), or {@code unavailable} (the native part does not load here;
 * {@link #availability} says why).
 *
 * <p>Implementations are stateless factories; {@link #start} may be called many times.
 */
public interface ServerModel {
    /** The id of the native reference model (a C epoll server): the ceiling the report measures Java models against. */
    String NATIVE_REFERENCE = "native-epoll";

    /** Stable, lower-case id naming the mechanism, e.g. {@code nio-epoll}. */
    String id();

    /** One sentence: the mechanism. */
    String description();

    /** True when some library can serve this transport with this model. */
    boolean supports(Transport transport);

    /** Why {@code transport} is not served; only meaningful when {@link #supports} is false. */
    String unsupportedReason(Transport transport);

    /** Whether the model serves on virtual threads (its pins are then recorded: {@link PinnedVirtualThreads}). */
    default boolean virtualThreads() {
        return false;
    }

    /**
     * Why this model cannot serve {@code handling}; empty when it can. The default: every handler
     * and work, run on the thread that serves the connection, and no {@code --offload} (a model
     * of event loops overrides this to accept it).
     */
    default Optional<String> refusal(Handling handling) {
        return handling.offload() > 0
                ? Optional.of(id() + " runs each request on its connection's own thread; --offload applies to the"
                        + " event-loop models")
                : Optional.empty();
    }

    /**
     * A model that is a program of its own (the native reference): its executable, which the suite
     * runner starts directly instead of a JVM, so the process measured is the server itself. It
     * takes the server's command-line options. Empty for the Java models, and when unavailable.
     */
    default Optional<Path> executable() {
        return Optional.empty();
    }

    /** Whether the model can run on this machine (native libraries load). */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * Whether the model can serve {@code transport} on this machine; only meaningful when {@link
     * #supports} is true. Differs from {@link #availability()} where one transport needs a native
     * library of its own (e.g. junixsocket for Unix datagrams). The default is {@link
     * #availability()}.
     */
    default Availability availability(Transport transport) {
        return availability();
    }

    /**
     * Binds and starts serving; returns once the socket is ready.
     *
     * @throws IOException when the socket cannot be bound (e.g. a port in use)
     * @throws IllegalArgumentException when the transport is not supported
     */
    RunningServer start(ServerConfig config) throws IOException;
}
