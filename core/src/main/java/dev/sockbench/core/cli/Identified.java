package dev.sockbench.core.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One of a closed set of choices named by a short, stable id: the id is what the command line
 * accepts and what file names and {@code summary.json} carry.
 *
 * <pre>{@code
 * enum Framing implements Identified { ... }
 * Framing f = Identified.byId(Framing.class, "framing", "raw");
 * }</pre>
 */
public interface Identified {
    /** The short id, e.g. {@code unix-stream}. */
    String id();

    /**
     * The constant of {@code type} whose id is {@code id}, ignoring case.
     *
     * @param what what the choice is called in the error, e.g. {@code "transport"}
     * @throws IllegalArgumentException naming the accepted ids when {@code id} is unknown
     */
    static <E extends Enum<E> & Identified> E byId(Class<E> type, String what, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equalsIgnoreCase(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + id + "'; accepted: " + ids(type));
    }

    /** The ids of {@code type}'s constants, comma separated, for help texts and error messages. */
    static <E extends Enum<E> & Identified> String ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Identified::id).collect(Collectors.joining(", "));
    }
}
