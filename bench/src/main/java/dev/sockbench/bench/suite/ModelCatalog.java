package dev.sockbench.bench.suite;

import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.transport.Transport;
import java.util.List;
import java.util.Optional;

/**
 * What the suite expander needs of the model × transport matrix: the model ids and, per cell,
 * whether it can be served on this machine. Backed by the servers' registry in the CLI; a fixed
 * table in tests.
 */
public interface ModelCatalog {

    /** Every model id, in the registry's order. */
    List<String> modelIds();

    /**
     * Empty when the cell can be served here; otherwise why not, one line starting with its
     * status: {@code n/a: ...} (no library serves it) or {@code unavailable: ...} (it does not
     * load on this machine).
     *
     * @throws IllegalArgumentException for an unknown model id, naming the known ones
     */
    Optional<String> skipReason(String modelId, Transport transport);

    /**
     * As {@link #skipReason(String, Transport)}, and also when the model refuses {@code handling}
     * ({@code n/a: ...}, e.g. the native reference under a handler, a blocking model with {@code
     * --offload}). The default knows no refusals.
     */
    default Optional<String> skipReason(String modelId, Transport transport, Handling handling) {
        return skipReason(modelId, transport);
    }
}
