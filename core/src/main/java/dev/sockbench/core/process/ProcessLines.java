package dev.sockbench.core.process;

import dev.sockbench.core.cli.Identified;
import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.transport.Endpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The line protocol (version 1) between the harness and the processes it starts: one ASCII line
 * each, written whole and flushed. Every side formats and parses these lines here, so the wire text
 * is spelled once.
 *
 * <pre>
 * server stdout   LISTENING &lt;endpoint&gt;   once, first, when the socket is ready: LISTENING tcp://127.0.0.1:40123
 * server stdin    USAGE                  asks for the server's resource usage so far
 * server stdout   USAGE &lt;usage&gt;         one answer per request, in order:
 *                                        USAGE userCpuUs=812000 sysCpuUs=1604000 voluntaryCtxSwitches=150000 involuntaryCtxSwitches=2000 acceptFailures=0
 * loadgen stdout  PHASE &lt;phase&gt;         PHASE warmup, PHASE measure, PHASE done ({@link Phase})
 * </pre>
 *
 * <p>The processes print other lines too (warnings, the generator's summary). Each {@code parse}
 * method therefore returns empty for a line of another kind, and throws {@link
 * IllegalArgumentException} for a line of its kind that is malformed. A USAGE answer may carry
 * fields a reader does not know (a later server's); they are ignored. {@code acceptFailures} may be
 * missing (a server from before it): read as 0.
 */
public final class ProcessLines {
    private static final String LISTENING = "LISTENING";
    private static final String USAGE = "USAGE";
    private static final String PHASE = "PHASE";

    private ProcessLines() {}

    /** The server's ready line, e.g. {@code LISTENING tcp://127.0.0.1:40123}. */
    public static String listening(Endpoint endpoint) {
        return LISTENING + " " + endpoint;
    }

    /**
     * The endpoint of a ready line; empty when {@code line} is not one.
     *
     * @throws IllegalArgumentException when it is one without a readable endpoint
     */
    public static Optional<Endpoint> parseListening(String line) {
        String body = body(line, LISTENING);
        if (body == null) {
            return Optional.empty();
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("'" + line + "' has no endpoint");
        }
        return Optional.of(Endpoint.parse(body));
    }

    /** The request for the server's resource usage: {@code USAGE}. */
    public static String usageRequest() {
        return USAGE;
    }

    /** True when {@code line} is a request for resource usage (surrounding blanks allowed). */
    public static boolean isUsageRequest(String line) {
        return line.strip().equals(USAGE);
    }

    /** The server's answer to a usage request: {@code USAGE userCpuUs=1 sysCpuUs=2 ...}. */
    public static String usageReply(ResourceUsage usage) {
        return USAGE + " userCpuUs=" + usage.userCpuUs() + " sysCpuUs=" + usage.sysCpuUs() + " voluntaryCtxSwitches="
                + usage.voluntaryCtxSwitches() + " involuntaryCtxSwitches=" + usage.involuntaryCtxSwitches()
                + " acceptFailures=" + usage.acceptFailures() + " malformedRequests=" + usage.malformedRequests();
    }

    /**
     * The usage of an answer line; empty when {@code line} is not one.
     *
     * @throws IllegalArgumentException when it is one with a field missing or not a number
     */
    public static Optional<ResourceUsage> parseUsageReply(String line) {
        String body = body(line, USAGE);
        if (body == null) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return Optional.of(new ResourceUsage(
                field(fields, "userCpuUs", line),
                field(fields, "sysCpuUs", line),
                field(fields, "voluntaryCtxSwitches", line),
                field(fields, "involuntaryCtxSwitches", line),
                optionalField(fields, "acceptFailures", line),
                optionalField(fields, "malformedRequests", line)));
    }

    /** The load generator's phase line, e.g. {@code PHASE measure}. */
    public static String phase(Phase phase) {
        return PHASE + " " + phase.id();
    }

    /**
     * The phase of a phase line; empty when {@code line} is not one.
     *
     * @throws IllegalArgumentException when it is one naming no known phase
     */
    public static Optional<Phase> parsePhase(String line) {
        String body = body(line, PHASE);
        if (body == null) {
            return Optional.empty();
        }
        return Optional.of(Identified.byId(Phase.class, "phase", body));
    }

    /**
     * What follows {@code keyword} on {@code line}, stripped: empty when the line is the keyword
     * alone, null when the line is of another kind.
     */
    private static String body(String line, String keyword) {
        String stripped = line.strip();
        if (stripped.equals(keyword)) {
            return "";
        }
        return stripped.startsWith(keyword + " ")
                ? stripped.substring(keyword.length() + 1).strip()
                : null;
    }

    /** A field an older server does not print: 0 when missing. */
    private static long optionalField(Map<String, String> fields, String name, String line) {
        return fields.containsKey(name) ? field(fields, name, line) : 0;
    }

    private static long field(Map<String, String> fields, String name, String line) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " in '" + line + "'");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number in '" + line + "'");
        }
    }
}
