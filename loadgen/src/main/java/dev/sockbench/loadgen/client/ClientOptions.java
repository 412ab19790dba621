package dev.sockbench.loadgen.client;

import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Endpoint;
import java.util.Objects;

/**
 * What every client connection of a run shares.
 *
 * @param target the server
 * @param framing stream framing; ignored on datagram transports
 * @param payloadBytes size of each request's payload, header included
 * @param depth requests in flight per connection at most
 * @param seed seeds the payload body
 * @param timeoutNs a request unanswered this long is a timeout (streams) or lost (datagrams)
 * @param paths where Unix datagram clients bind their own socket files; null for other transports
 * @param handler what the server does with a request: the requests and the replies expected
 *     ({@link dev.sockbench.core.protocol.Payload#forHandler})
 */
public record ClientOptions(
        Endpoint target,
        Framing framing,
        int payloadBytes,
        int depth,
        long seed,
        long timeoutNs,
        ClientSocketPaths paths,
        HandlerKind handler) {
    public ClientOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(framing, "framing");
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1");
        }
        if (timeoutNs <= 0) {
            throw new IllegalArgumentException("timeout must be > 0");
        }
    }

    /** The echo handler's. */
    public ClientOptions(
            Endpoint target,
            Framing framing,
            int payloadBytes,
            int depth,
            long seed,
            long timeoutNs,
            ClientSocketPaths paths) {
        this(target, framing, payloadBytes, depth, seed, timeoutNs, paths, HandlerKind.ECHO);
    }
}
