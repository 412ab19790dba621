package dev.sockbench.core.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a server does with each request: the handler, the work per request, and on how many
 * threads of its own an event-loop model runs them ({@code --offload}; 0: on the loop).
 *
 * @param handler echo, json or protobuf
 * @param work the work per request
 * @param offload threads of the handler pool; 0 runs the handler where the request was read
 */
public record Handling(HandlerKind handler, Work work, int offload) {
    /** The echo and nothing else: what every model did before handlers. */
    public static final Handling ECHO = new Handling(HandlerKind.ECHO, Work.NONE, 0);

    /** Most offload threads. */
    public static final int MAX_OFFLOAD = 1_024;

    public Handling {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(work, "work");
        if (offload < 0 || offload > MAX_OFFLOAD) {
            throw new IllegalArgumentException("--offload must be in 0.." + MAX_OFFLOAD + ", got " + offload);
        }
    }

    /** True for the plain echo: models then take their echo path, which never looks at a payload. */
    public boolean plainEcho() {
        return equals(ECHO);
    }

    /** The server options that ask for this handling; none for the plain echo. */
    public List<String> serverArgs() {
        List<String> args = new ArrayList<>();
        if (handler != HandlerKind.ECHO) {
            args.addAll(List.of("--handler", handler.id()));
        }
        if (work.kind() != Work.Kind.NONE) {
            args.addAll(List.of("--work", work.text()));
        }
        if (offload > 0) {
            args.addAll(List.of("--offload", Integer.toString(offload)));
        }
        return args;
    }
}
