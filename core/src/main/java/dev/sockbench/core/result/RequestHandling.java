package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.handler.Work;

/**
 * What the server did with each request ({@code load.handling} of {@code summary.json}): its
 * handler, its work per request and its offload threads. Left out of the file for the plain echo
 * (and absent from every file from before handlers), so a missing block reads as the echo.
 *
 * @param handler {@code echo}, {@code json} or {@code protobuf}
 * @param work {@code cpu=20us}, {@code block=2ms}; null for none
 * @param offload the handler's threads on an event-loop model; null for none (on the loop)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestHandling(String handler, String work, Integer offload) {

    /** The block for {@code handling}; null for the plain echo. */
    public static RequestHandling of(Handling handling) {
        if (handling.plainEcho()) {
            return null;
        }
        return new RequestHandling(
                handling.handler().id(),
                handling.work().kind() == Work.Kind.NONE
                        ? null
                        : handling.work().text(),
                handling.offload() == 0 ? null : handling.offload());
    }

    /** A short label, e.g. {@code json}, {@code echo cpu=20us}, {@code echo block=2ms offload 2}; "echo" for null. */
    public static String label(RequestHandling handling) {
        if (handling == null) {
            return "echo";
        }
        StringBuilder label = new StringBuilder(handling.handler());
        if (handling.work() != null) {
            label.append(' ').append(handling.work());
        }
        if (handling.offload() != null) {
            label.append(" offload ").append(handling.offload());
        }
        return label.toString();
    }
}
