package dev.sockbench.loadgen.client;

import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * One client socket and the requests in flight on it. The worker thread that owns it drives it
 * from its selector loop:
 *
 * <pre>{@code
 * conn.open(selector);                          // non-blocking connect (or bind), registered
 * if (conn.hasRoom()) conn.send(intendedNs, sentNs, tally);  // queue one request
 * conn.flush(tally);                                 // hand queued bytes to the kernel
 * int freed = conn.read(nowNs, recorder, tally); // on readable: verify echoes, record latency
 * conn.expire(nowNs, timeoutNs, tally, recorder);  // count requests past the timeout
 * }</pre>
 *
 * Every echo is verified: its length, its sequence number (the oldest in flight on a stream; one
 * in flight on a datagram socket) and the CRC32C of its body. Latency is recorded, and counts are
 * kept, only for measured requests ({@link Tally#measured}).
 *
 * <p>Subclasses: {@link StreamConnection} (an {@link OrderedConnection}) and {@link DatagramConnection} over real sockets; tests
 * drive the engine with in-memory ones.
 *
 * <p>Not thread-safe: owned by one worker thread (the main thread may open it before the worker
 * starts). No allocation per request in steady state.
 */
public abstract class Connection {
    protected final ClientOptions options;
    protected SelectionKey key;
    private boolean writeInterest;

    /** The owner's index for this connection (its slot in the worker's arrays). */
    public final int index;

    protected Connection(ClientOptions options, int index) {
        this.options = options;
        this.index = index;
    }

    /** A connection of the right kind for the target's transport. */
    public static Connection forTransport(ClientOptions options, int index) {
        Transport transport = options.target().transport();
        return transport.streamOriented()
                ? new StreamConnection(options, index)
                : new DatagramConnection(options, index);
    }

    /**
     * Opens the socket in non-blocking mode and starts connecting; registers it with {@code
     * selector} for connect completion or reading.
     *
     * @return true when connected already (always for datagram sockets); otherwise wait for
     *     {@link SelectionKey#OP_CONNECT} and call {@link #finishConnect}
     */
    public abstract boolean open(Selector selector) throws IOException;

    /** Completes a pending connect; true when connected (the key then waits for reading). */
    public abstract boolean finishConnect() throws IOException;

    /** True while the socket is open. */
    public abstract boolean isOpen();

    /** True when the stream's errors end it (a stream); false when the socket carries on (datagrams). */
    public abstract boolean streamOriented();

    /** True when another request may be sent now. */
    public abstract boolean hasRoom();

    /** Requests sent (or queued) and not yet answered, lost or abandoned. */
    public abstract int inFlight();

    /**
     * Queues one request. Its payload carries the next sequence number and {@code sentNs}.
     *
     * @param intendedNs when it was due (the schedule's time; {@code sentNs} for closed shapes)
     * @param sentNs when it leaves: now, just before {@link #flush}
     */
    public abstract void send(long intendedNs, long sentNs, Tally tally);

    /**
     * Hands queued requests to the kernel as far as it takes them; waits for writability for the
     * rest.
     *
     * @return true when nothing is left queued
     */
    public abstract boolean flush(Tally tally) throws IOException;

    /**
     * Reads what has arrived, verifies each echo, records the latency of measured requests (in the
     * recorder's current batch: see {@link LatencyRecorder#beginBatch}).
     *
     * @param nowNs when the echoes were noticed: their receive time
     * @return how many requests were answered (room freed)
     * @throws EchoMismatchException when a stream echo is wrong (datagram mismatches are counted
     *     in the tally instead)
     * @throws IOException when the socket failed or the server closed a stream
     */
    public abstract int read(long nowNs, LatencyRecorder recorder, Tally tally) throws IOException;

    /**
     * Counts requests unanswered after {@code timeoutNs}: a stream counts a {@code timeout} error
     * and keeps waiting for the echo (a stream loses nothing, its latency is real); a datagram
     * counts the request lost and frees its room.
     *
     * @return how many requests were given up (room freed)
     */
    public abstract int expire(long nowNs, long timeoutNs, Tally tally, LatencyRecorder recorder);

    /**
     * The run is over: counts what is still in flight (streams: measured requests never answered
     * are timeouts unless already counted; datagrams: lost) and enters each measured one in the
     * corrected latency at its timeout ({@link LatencyRecorder#recordGivenUp}).
     */
    public abstract void abandon(long timeoutNs, Tally tally, LatencyRecorder recorder);

    /**
     * The connection broke (a read, write or verify failure): its measured requests in flight die
     * with it and are counted {@code failed}, but for those already counted as timeouts. Call
     * before {@link #close}. Datagram sockets never break this way: nothing to do.
     */
    public void failInFlight(Tally tally) {}

    /** Closes the socket (and deletes a bound socket file). Idempotent. */
    public abstract void close();

    /** Asks the selector for writability only while bytes are queued (no busy wake-ups). */
    protected final void writeInterest(boolean wanted) {
        if (wanted != writeInterest && key != null && key.isValid()) {
            key.interestOps(wanted ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            writeInterest = wanted;
        }
    }

    /** Cancels the selection key and closes {@code channel} (null: nothing to close), quietly. */
    protected final void closeChannel(Channel channel) {
        if (key != null) {
            key.cancel();
            key = null;
        }
        writeInterest = false;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a socket that already failed: nothing left to do.
            }
        }
    }
}
