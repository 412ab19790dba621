package dev.sockbench.loadgen.shape;

import dev.sockbench.core.cli.Identified;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Which load shape ({@code --shape}), before its parameters are known; {@link LoadShape} is the
 * shape with them. The one place that says which shapes are paced.
 */
public enum Shape implements Identified {
    PING_PONG("ping-pong", false),
    CLOSED("closed", false),
    OPEN("open", true),
    SWEEP("sweep", true),
    CAPACITY("capacity", true),
    CHURN("churn", false),
    IDLE("idle", true),
    STREAM("stream", false);

    private final String id;
    private final boolean paced;

    Shape(String id, boolean paced) {
        this.id = id;
        this.paced = paced;
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * Whether this shape sends on a schedule (an open loop) rather than when an echo frees room: it
     * takes a rate, its send lag is checked, and so the JIT must be done with the generator before
     * it measures (see {@link dev.sockbench.loadgen.WarmupPolicy#GENERATOR_JVM_FLAGS}).
     */
    public boolean paced() {
        return paced;
    }

    /** @throws IllegalArgumentException naming the accepted ids */
    public static Shape fromId(String id) {
        return Identified.byId(Shape.class, "shape", id);
    }

    /** The ids of the shapes that take a rate ({@code --rate}): the paced ones but capacity. */
    public static String rateIds() {
        return String.join(
                ", ",
                Arrays.stream(values())
                        .filter(s -> s.paced() && s != CAPACITY)
                        .map(Shape::id)
                        .toList());
    }

    /** The ids of the paced shapes, for messages, e.g. {@code open, sweep, idle}. */
    public static String pacedIds() {
        return String.join(
                ", ",
                Arrays.stream(values()).filter(Shape::paced).map(Shape::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }

    /** The ids, for picocli's {@code ${COMPLETION-CANDIDATES}} in the help. */
    public static final class Ids implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(Shape::id).iterator();
        }
    }
}
