package dev.sockbench.core.server;

import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.transport.Endpoint;
import java.util.Objects;

/**
 * What a server is asked to do.
 *
 * @param bind where to listen; port 0 for any free port. For a Unix transport, the socket file
 *     (its parent must exist)
 * @param framing how stream messages are delimited; ignored on datagram transports
 * @param maxFrameBytes the largest payload a {@code length} frame may claim; a larger or smaller
 *     than the payload header claim closes that connection and counts a protocol error
 * @param threads worker threads for models that have a pool or loop count; 0 means the model's
 *     default
 * @param handling what the server does with each request ({@code --handler}, {@code --work},
 *     {@code --offload}); {@link Handling#ECHO} unless asked otherwise
 */
public record ServerConfig(Endpoint bind, Framing framing, int maxFrameBytes, int threads, Handling handling) {
    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(handling, "handling");
        if (maxFrameBytes < dev.sockbench.core.protocol.Payload.HEADER_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes + " is below the payload header");
        }
        if (!handling.plainEcho()
                && (framing != Framing.LENGTH || !bind.transport().streamOriented())) {
            throw new IllegalArgumentException("--handler, --work and --offload need length framing on a stream"
                    + " transport (tcp, unix-stream): a request is one frame");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    /** The plain echo. */
    public ServerConfig(Endpoint bind, Framing framing, int maxFrameBytes, int threads) {
        this(bind, framing, maxFrameBytes, threads, Handling.ECHO);
    }

    /** Length framing, the default frame cap and the model's default thread count. */
    public static ServerConfig of(Endpoint bind) {
        return new ServerConfig(bind, Framing.LENGTH, LengthFraming.DEFAULT_MAX_FRAME_BYTES, 0);
    }

    public ServerConfig withFraming(Framing newFraming) {
        return new ServerConfig(bind, newFraming, maxFrameBytes, threads, handling);
    }

    public ServerConfig withMaxFrameBytes(int newMaxFrameBytes) {
        return new ServerConfig(bind, framing, newMaxFrameBytes, threads, handling);
    }

    public ServerConfig withThreads(int newThreads) {
        return new ServerConfig(bind, framing, maxFrameBytes, newThreads, handling);
    }

    public ServerConfig withHandling(Handling newHandling) {
        return new ServerConfig(bind, framing, maxFrameBytes, threads, newHandling);
    }

    /** The thread count to use: {@link #threads()} unless it is 0, then {@code modelDefault}. */
    public int threadsOr(int modelDefault) {
        return threads > 0 ? threads : modelDefault;
    }
}
