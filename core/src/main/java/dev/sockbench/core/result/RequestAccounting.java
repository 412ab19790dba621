package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The fate of every request intended inside the measured interval (block {@code accounting} of
 * {@code summary.json}): each one is exactly one of answered, timed out, failed, lost or unsent, so
 * that {@code answered + timedOut + failed + lost + unsent = intended}. Nothing intended in the
 * interval is dropped from the count, also not a backlog still owed when it ends: those requests
 * are sent late and waited for.
 *
 * @param intended requests whose intended send time lies in the measured interval (closed shapes:
 *     whose actual send time does)
 * @param answered echoed and verified within the timeout: {@code load.requests}
 * @param timedOut stream requests with no echo within the timeout ({@code errors.timeout}); an echo
 *     that comes later still enters the latency histograms with its true latency
 * @param failed requests that died with their connection (a read, write or verify failure closed
 *     it) or whose churn connect failed
 * @param lost datagram requests with no echo within the timeout ({@code udp.lost})
 * @param unsent requests never sent: their connection was gone, or stayed full until sending
 *     ended (one timeout after the interval)
 */
public record RequestAccounting(long intended, long answered, long timedOut, long failed, long lost, long unsent) {
    public static final RequestAccounting NONE = new RequestAccounting(0, 0, 0, 0, 0, 0);

    /** The requests given a fate; equals {@link #intended} when none went missing. */
    @JsonIgnore
    public long accountedFor() {
        return answered + timedOut + failed + lost + unsent;
    }

    public RequestAccounting plus(RequestAccounting o) {
        return new RequestAccounting(
                intended + o.intended,
                answered + o.answered,
                timedOut + o.timedOut,
                failed + o.failed,
                lost + o.lost,
                unsent + o.unsent);
    }
}
