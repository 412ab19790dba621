package dev.sockbench.servers.common;

import dev.sockbench.core.server.Availability;
import dev.sockbench.core.server.ServerModel;
import dev.sockbench.core.transport.Transport;
import java.util.Map;

/**
 * A model's identity and the transports it cannot serve, with the reason; the rest of {@link
 * ServerModel} is the model's own.
 */
public abstract class BaseModel implements ServerModel {
    private final String id;
    private final String description;
    private final Map<Transport, String> notApplicable;

    /**
     * @param notApplicable each transport no library can serve with this model, and why (one line)
     */
    protected BaseModel(String id, String description, Map<Transport, String> notApplicable) {
        this.id = id;
        this.description = description;
        this.notApplicable = Map.copyOf(notApplicable);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final boolean supports(Transport transport) {
        return !notApplicable.containsKey(transport);
    }

    @Override
    public final String unsupportedReason(Transport transport) {
        return notApplicable.getOrDefault(transport, "");
    }

    /** Throws when {@code transport} is n/a, so {@code start} never half-serves it. */
    protected final void requireSupported(Transport transport) {
        if (!supports(transport)) {
            throw new IllegalArgumentException(id + " cannot serve " + transport + ": " + unsupportedReason(transport));
        }
    }

    /**
     * Throws when {@code transport} is n/a, or when the model cannot serve it on this machine
     * ({@link #availability(Transport)}), so {@code start} never half-serves it.
     */
    protected final void requireServable(Transport transport) {
        requireSupported(transport);
        Availability availability = availability(transport);
        if (!availability.available()) {
            throw new IllegalStateException(id + " is unavailable: " + availability.reason());
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
