package dev.sockbench.bench.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.KernelCounters;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.ResultFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * What the controller and the agents exchange, as JSON, over Hazelcast's own facilities: tasks go
 * to one agent through the executor service ({@link SignedTask}), signals to all through a topic
 * (the start signal, the generators' phases), each signed with the cluster's key. A task names
 * what to run (a model, a transport, load options), never a command: the agent validates it and
 * builds the command itself.
 */
final class Wire {
    /** The executor service tasks go through. */
    static final String EXECUTOR = "sockbench-tasks";

    /** The topic of signals: every agent listens. */
    static final String SIGNALS = "sockbench-signals";

    private static final int SIGNATURE_BYTES = 32;

    private Wire() {}

    enum Kind {
        /** Start the case's server; the reply carries its endpoint. */
        SERVER_START,
        /** Stop the case's server; the reply carries its cost, log and kernel counters. */
        SERVER_STOP,
        /** Get ready to run a load part against the server; it starts on the start signal. */
        LOAD_PREPARE,
        /** Wait for the load part to end; the reply carries its report and interval log. */
        LOAD_COLLECT,
        /** Stop whatever of the case still runs here. */
        ABORT,
        /** Describe this host; the reply carries its environment. */
        ENVIRONMENT
    }

    /**
     * One task.
     *
     * @param kind what to do
     * @param caseToken names the case across the cluster (letters, digits, {@code ._-})
     * @param controller the member that gave it (the agent stops the case's processes if it leaves)
     * @param model the server model (SERVER_START)
     * @param transport the transport id (SERVER_START, LOAD_PREPARE)
     * @param serverArgs the server's load options: {@code --framing ID} and {@code --threads N} only
     * @param parts how many load parts the case has (SERVER_START: the server's cost spans them all)
     * @param load the load generator's options for this part (LOAD_PREPARE)
     * @param target the server's endpoint (LOAD_PREPARE)
     * @param waitMs how long to wait for the part's end (LOAD_COLLECT)
     * @param merged the case's merged report, for the server's cost per request (SERVER_STOP)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Task(
            Kind kind,
            String caseToken,
            String controller,
            String model,
            String transport,
            List<String> serverArgs,
            Integer parts,
            List<String> load,
            String target,
            Long waitMs,
            LoadReport merged) {

        static Task serverStart(
                String caseToken,
                String controller,
                String model,
                String transport,
                List<String> serverArgs,
                int parts) {
            return new Task(
                    Kind.SERVER_START,
                    caseToken,
                    controller,
                    model,
                    transport,
                    serverArgs,
                    parts,
                    null,
                    null,
                    null,
                    null);
        }

        static Task loadPrepare(
                String caseToken, String controller, String transport, List<String> load, String target) {
            return new Task(
                    Kind.LOAD_PREPARE, caseToken, controller, null, transport, null, null, load, target, null, null);
        }

        static Task loadCollect(String caseToken, String controller, long waitMs) {
            return new Task(Kind.LOAD_COLLECT, caseToken, controller, null, null, null, null, null, null, waitMs, null);
        }

        static Task serverStop(String caseToken, String controller, LoadReport merged) {
            return new Task(Kind.SERVER_STOP, caseToken, controller, null, null, null, null, null, null, null, merged);
        }

        static Task environment() {
            return new Task(Kind.ENVIRONMENT, "environment", null, null, null, null, null, null, null, null, null);
        }

        static Task abort(String caseToken) {
            return new Task(Kind.ABORT, caseToken, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * An agent's answer to a task.
     *
     * @param agent the agent's name
     * @param error why the task failed or was refused; null when it did not
     * @param endpoint the server's endpoint (SERVER_START)
     * @param server the server's end (SERVER_STOP)
     * @param part the load part's end (LOAD_COLLECT)
     * @param environment the agent's host (ENVIRONMENT)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reply(String agent, String error, String endpoint, ServerEnd server, PartEnd part, Environment environment) {
        static Reply failed(String agent, String error) {
            return new Reply(agent, error, null, null, null, null);
        }
    }

    /**
     * What the server's agent reports when it stops it.
     *
     * @param cost its cost over the measured interval (null when not measured)
     * @param kernel the server host's drop counters over the case
     * @param died why it ended before it was stopped; null when it did not
     * @param warnings what could not be measured
     * @param log the server's output
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServerEnd(
            dev.sockbench.core.result.ServerCost cost,
            KernelCounters kernel,
            String died,
            List<String> warnings,
            String log) {}

    /**
     * What a load agent reports when its part ends.
     *
     * @param report its generator's report; null when the part failed
     * @param failure why it failed; null when it did not
     * @param hlog its interval log, HdrHistogram's format (encoded corrected and raw histograms)
     * @param log the generator's output
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PartEnd(LoadReport report, String failure, byte[] hlog, String log) {}

    /**
     * A signal to every agent.
     *
     * @param caseToken the case
     * @param what {@code start}, or a generator's phase ({@code warmup}, {@code measure}, {@code done})
     * @param agent the agent a phase comes from
     */
    record Signal(String caseToken, String what, String agent) {}

    static byte[] json(Object value) {
        try {
            return ResultFiles.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T parse(byte[] json, Class<T> type) {
        try {
            return ResultFiles.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A signed message for a topic: the signature, then the body. */
    static byte[] sealed(ClusterKey key, byte[] body) {
        byte[] signature = key.sign(body);
        byte[] message = Arrays.copyOf(signature, SIGNATURE_BYTES + body.length);
        System.arraycopy(body, 0, message, SIGNATURE_BYTES, body.length);
        return message;
    }

    /** The body of a {@link #sealed} message; null when its signature is not valid. */
    static byte[] opened(ClusterKey key, byte[] message) {
        if (message == null || message.length < SIGNATURE_BYTES) {
            return null;
        }
        byte[] body = Arrays.copyOfRange(message, SIGNATURE_BYTES, message.length);
        return key.verify(body, Arrays.copyOf(message, SIGNATURE_BYTES)) ? body : null;
    }
}
