package dev.sockbench.servers;

import dev.sockbench.core.transport.Transport;

/**
 * One cell of the model × transport matrix: whether {@code model} serves {@code transport} here.
 *
 * @param model the model id
 * @param transport the transport
 * @param status {@link Status#OK}, {@link Status#NA} (no library can serve it) or {@link
 *     Status#UNAVAILABLE} (its native part does not load on this machine)
 * @param reason empty when ok; otherwise why not, one line
 */
public record Cell(String model, Transport transport, Status status, String reason) {

    /** The three states of a cell, with the ids {@code list --json} prints. */
    public enum Status {
        OK("ok"),
        NA("n/a"),
        UNAVAILABLE("unavailable");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** {@code ok}, {@code n/a: reason} or {@code unavailable: cause}. */
    public String describe() {
        return ok() ? status.id() : status.id() + ": " + reason;
    }

    @Override
    public String toString() {
        return model + " × " + transport;
    }
}
