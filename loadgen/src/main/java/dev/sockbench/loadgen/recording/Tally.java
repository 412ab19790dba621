package dev.sockbench.loadgen.recording;

import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.RequestAccounting;

/**
 * One worker thread's counters over the measured interval: errors by kind, datagram accounting,
 * payload bytes echoed, completions. A request's fate (its errors, its datagram accounting) counts
 * when its intended send time lies in the measured interval ({@link #measured}); an error that
 * belongs to no request (a connection closed by the server) counts when it happens at or after the
 * interval's start; throughput ({@link #completedInInterval}) counts echoes received within it.
 *
 * <p>Threading: written by its worker thread only; read by other threads only after the worker
 * has finished (its {@code Thread.join} orders the reads), except for approximate progress.
 */
public final class Tally {
    private final long measureStartNs;
    private final long measureEndNs;

    public long connectErrors;
    public long readErrors;
    public long writeErrors;
    public long timeoutErrors;
    public long verifyErrors;

    public long datagramsSent;
    public long datagramsReceived;
    public long datagramsLost;
    public long datagramsLate;
    public long datagramsDuplicated;
    public long datagramsReordered;

    /**
     * Requests of the interval (their intended send time lies in it; closed shapes: their send),
     * counted by the driver as the schedule produces them: the total every fate below adds up to.
     */
    public long requestsIntended;
    /** Measured requests echoed and verified within the timeout. */
    public long requestsAnswered;
    /** Measured requests that died with their connection, or whose churn connect failed. */
    public long requestsFailed;
    /** Measured requests never sent (connection gone, or full until sending ended). */
    public long requestsUnsent;

    /**
     * Verified echoes (first echoes on datagrams) received within the measured interval, whatever
     * their request's intended time: the throughput the server delivered in it.
     */
    public long completedInInterval;

    /**
     * @param measureStartNs start of the measured interval, ns
     * @param measureEndNs its end (exclusive), ns
     */
    public Tally(long measureStartNs, long measureEndNs) {
        this.measureStartNs = measureStartNs;
        this.measureEndNs = measureEndNs;
    }

    /** True when a request intended at {@code intendedNs} belongs to the measured interval. */
    public boolean measured(long intendedNs) {
        return intendedNs >= measureStartNs && intendedNs < measureEndNs;
    }

    /** True when an error at {@code nowNs} counts: the measured interval has begun. */
    public boolean counting(long nowNs) {
        return nowNs >= measureStartNs;
    }

    /** Counts one verified echo received at {@code receivedNs} if that is within the interval. */
    public void completed(long receivedNs) {
        if (receivedNs >= measureStartNs && receivedNs < measureEndNs) {
            completedInInterval++;
        }
    }

    public long measureStartNs() {
        return measureStartNs;
    }

    public long measureEndNs() {
        return measureEndNs;
    }

    public ErrorCounts errors() {
        return new ErrorCounts(connectErrors, readErrors, writeErrors, timeoutErrors, verifyErrors);
    }

    /** The fate of every measured request; stream timeouts and datagram losses come from their counters. */
    public RequestAccounting accounting() {
        return new RequestAccounting(
                requestsIntended, requestsAnswered, timeoutErrors, requestsFailed, datagramsLost, requestsUnsent);
    }

    public DatagramCounts datagrams() {
        return new DatagramCounts(
                datagramsSent,
                datagramsReceived,
                datagramsLost,
                datagramsLate,
                datagramsDuplicated,
                datagramsReordered);
    }
}
