package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The load a case put on the server and what came back of it: block {@code load} of {@code
 * summary.json} (format 2; the top-level fields of the same names in format 1). Which requests
 * count is explained in {@link CaseSummary}.
 *
 * @param transport transport id: {@code tcp}, {@code udp}, {@code unix-stream}, {@code unix-dgram}
 * @param framing {@code length} or {@code raw}
 * @param shape the load shape id, e.g. {@code closed}, {@code open}
 * @param connections active connections (or datagram peers)
 * @param depth requests in flight per connection at most; null in files from before it was recorded
 * @param arrival arrival process of paced shapes, {@code constant} or {@code poisson}; null for
 *     closed shapes
 * @param payloadBytes payload size of each request, header included
 * @param durationSec the measured interval, seconds
 * @param warmupSec the discarded warm-up before it, seconds
 * @param targetRatePerSec the rate asked for (open shapes); null for closed shapes. For a sweep,
 *     the capacity step's (or the first step's when none was good)
 * @param catchUpFactor the open loop's catch-up bound ({@code --catch-up}); null when off (the
 *     default: every late request leaves as soon as its connection can take it)
 * @param achievedRatePerSec echoes received within the measured interval per second of it: the
 *     throughput the server delivered
 * @param requests measured requests answered (echoed and verified) within the timeout ({@code
 *     accounting.answered}); before the accounting block, echoes received within the interval
 * @param accounting the fate of every request intended in the measured interval; null in files
 *     from before it was recorded
 * @param errors failures by kind in the measured interval ({@code connect} counts every failed
 *     connection attempt of the case; {@code timeout} is for stream transports, datagram requests
 *     without an echo are {@code udp.lost})
 * @param handling what the server did with each request ({@code --handler}, {@code --work},
 *     {@code --offload}); null for the plain echo, and in files from before handlers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseLoad(
        String transport,
        String framing,
        String shape,
        int connections,
        Integer depth,
        String arrival,
        int payloadBytes,
        double durationSec,
        double warmupSec,
        Double targetRatePerSec,
        Double catchUpFactor,
        double achievedRatePerSec,
        long requests,
        RequestAccounting accounting,
        ErrorCounts errors,
        RequestHandling handling) {

    public static Builder builder() {
        return new Builder();
    }

    /** Fills a {@link CaseLoad} by name; what is not set is null, zero, or {@link ErrorCounts#NONE}. */
    public static final class Builder {
        private String transport;
        private String framing;
        private String shape;
        private int connections;
        private Integer depth;
        private String arrival;
        private int payloadBytes;
        private double durationSec;
        private double warmupSec;
        private Double targetRatePerSec;
        private Double catchUpFactor;
        private double achievedRatePerSec;
        private long requests;
        private RequestAccounting accounting;
        private ErrorCounts errors = ErrorCounts.NONE;
        private RequestHandling handling;

        private Builder() {}

        public Builder transport(String value) {
            transport = value;
            return this;
        }

        public Builder framing(String value) {
            framing = value;
            return this;
        }

        public Builder shape(String value) {
            shape = value;
            return this;
        }

        public Builder connections(int value) {
            connections = value;
            return this;
        }

        public Builder depth(Integer value) {
            depth = value;
            return this;
        }

        public Builder arrival(String value) {
            arrival = value;
            return this;
        }

        public Builder payloadBytes(int value) {
            payloadBytes = value;
            return this;
        }

        public Builder durationSec(double value) {
            durationSec = value;
            return this;
        }

        public Builder warmupSec(double value) {
            warmupSec = value;
            return this;
        }

        public Builder targetRatePerSec(Double value) {
            targetRatePerSec = value;
            return this;
        }

        public Builder catchUpFactor(Double value) {
            catchUpFactor = value;
            return this;
        }

        public Builder achievedRatePerSec(double value) {
            achievedRatePerSec = value;
            return this;
        }

        public Builder requests(long value) {
            requests = value;
            return this;
        }

        public Builder accounting(RequestAccounting value) {
            accounting = value;
            return this;
        }

        public Builder errors(ErrorCounts value) {
            errors = value;
            return this;
        }

        public Builder handling(RequestHandling value) {
            handling = value;
            return this;
        }

        public CaseLoad build() {
            return new CaseLoad(
                    transport,
                    framing,
                    shape,
                    connections,
                    depth,
                    arrival,
                    payloadBytes,
                    durationSec,
                    warmupSec,
                    targetRatePerSec,
                    catchUpFactor,
                    achievedRatePerSec,
                    requests,
                    accounting,
                    errors,
                    handling);
        }
    }
}
