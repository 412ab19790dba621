package dev.sockbench.servers.common;

import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.transport.Transport;
import java.util.Map;
import java.util.Optional;

/**
 * A model of event loops (NIO selector, Netty, NIO.2, the FFM loops): it runs the handler and its work on the
 * loop that read the request, or with {@code --offload N} on an N-thread pool, the reply written
 * back on the loop.
 */
public abstract class EventLoopModel extends BaseModel {
    protected EventLoopModel(String id, String description, Map<Transport, String> notApplicable) {
        super(id, description, notApplicable);
    }

    @Override
    public final Optional<String> refusal(Handling handling) {
        return Optional.empty();
    }
}
