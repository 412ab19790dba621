package dev.sockbench.bench.suite;

import dev.sockbench.core.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fixed model × transport matrix for tests: every cell ok unless given a reason. */
public final class TableCatalog implements ModelCatalog {
    private final List<String> models;
    private final Map<String, String> reasons = new LinkedHashMap<>();

    public TableCatalog(String... models) {
        this.models = List.of(models);
    }

    /** Marks a cell as not runnable, with its reason ({@code n/a: ...}, {@code unavailable: ...}). */
    public TableCatalog skip(String model, Transport transport, String reason) {
        reasons.put(model + "/" + transport.id(), reason);
        return this;
    }

    @Override
    public List<String> modelIds() {
        return new ArrayList<>(models);
    }

    @Override
    public Optional<String> skipReason(String modelId, Transport transport) {
        if (!models.contains(modelId)) {
            throw new IllegalArgumentException(
                    "unknown model '" + modelId + "'; accepted: " + String.join(", ", models));
        }
        return Optional.ofNullable(reasons.get(modelId + "/" + transport.id()));
    }
}
