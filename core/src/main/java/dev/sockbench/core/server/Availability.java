package dev.sockbench.core.server;

/**
 * Whether a model's native part loads on this machine, and if not, why, in the manner of Netty's
 * {@code Epoll.unavailabilityCause()}: a model that cannot load is skipped with this reason, never
 * a crash.
 *
 * @param available true when the model can start here
 * @param reason empty when available; otherwise the cause, one line
 */
public record Availability(boolean available, String reason) {
    public static final Availability AVAILABLE = new Availability(true, "");

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }

    /** The cause of a failed native load, one line: the deepest message, with its type. */
    public static Availability unavailable(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? ""
                : ": " + root.getMessage().lines().findFirst().orElse("");
        return new Availability(false, root.getClass().getSimpleName() + message);
    }
}
