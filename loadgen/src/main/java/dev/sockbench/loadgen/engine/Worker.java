package dev.sockbench.loadgen.engine;

import dev.sockbench.loadgen.client.Connection;
import dev.sockbench.loadgen.client.EchoMismatchException;
import dev.sockbench.loadgen.engine.Windows.Window;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.pacing.Pacer;
import dev.sockbench.loadgen.pacing.ScheduleLag;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * One load generator thread: a selector loop over its share of the connections. It sends (on
 * echoes for closed shapes, on each connection's {@link Pacer} schedule for paced shapes, one
 * connect-request-close after another for churn), reads and verifies echoes, records latency into
 * its own {@link LatencyRecorder}, and counts into its own {@link Tally}: nothing is shared with
 * the other workers on the request path.
 *
 * <h2>Timing</h2>
 *
 * A worker expecting echoes polls for {@link #POLL_BEFORE_SLEEP_NS} before it sleeps in the
 * selector. A send due more than {@link #SPIN_NS} (5 ms) ahead is waited for asleep (a timed
 * select when echoes are expected, which wakes at once when one arrives; a park otherwise); the
 * last {@link #SPIN_NS} before it are spent polling ({@code selectNow}). A sleeping thread wakes
 * late: 50 µs of Linux timer slack, 70-170 µs typically on the 2-core VM sockbench was built on,
 * and, worse, whatever runs on its CPU meanwhile (the JVM's compiler threads, another process the
 * scheduler put on the CPU because it looked idle) keeps it until its time slice ends: measured
 * there, up to 3-4 ms (a scheduler tick is 4 ms at 250 Hz). A worker that polls keeps its CPU
 * busy, so the scheduler places other work elsewhere, and is not woken at all. Sends thus leave
 * within microseconds of their time, and how late they left is recorded (the send lag).
 *
 * <p>The price is CPU: a paced worker polls for the last 5 ms before every send, so from 200
 * requests/s per worker on it polls all the time (one CPU per worker thread, which paced shapes
 * need anyway: see the README). Closed shapes wait for echoes asleep (after {@link
 * #POLL_BEFORE_SLEEP_NS}). Polling does not yield the CPU: measured, yielding made the lag's tail
 * worse on a loaded machine (the scheduler may not hand the CPU back for milliseconds).
 *
 * <h2>Self-accounting</h2>
 *
 * Time spent waiting (asleep, or polling with nothing ready) within the measured interval is
 * idle; the rest is busy. A worker busy nearly all the time could not have sent more: the
 * generator, not the server, set the pace.
 *
 * <p>Threading: the owner opens the connections ({@link #connect}) and calls {@link #start} from
 * one thread; the loop then runs on the worker's own thread until the drain ends. Results are
 * read after {@link #join}.
 */
final class Worker implements Runnable {
    /** Polling starts this long before a due send; see the class comment. */
    static final long SPIN_NS = 5_000_000;
    /**
     * A worker expecting echoes polls this long before it sleeps in the selector: a loopback echo
     * usually comes back within it, and a thread woken from sleep would add its wake-up latency
     * (tens of µs on a VM) to the round trip it measures, and the kernel work of waking it to the
     * cost of every request.
     */
    static final long POLL_BEFORE_SLEEP_NS = 50_000;
    /** Timeouts are checked at least this often. */
    static final long EXPIRY_CHECK_NS = 5_000_000;
    /** A churn slot whose connect failed tries again after this long. */
    static final long CHURN_RETRY_NS = 10_000_000;

    private static final long MS = 1_000_000;
    private static final long NOT_IDLE = Long.MIN_VALUE;

    private final NanoClock clock;
    private final Mode mode;
    private final Selector selector;
    private final Connection[] connections;
    private final int firstConnection;
    private final RunPlan plan;
    private final DueQueue due;
    private final long[] opStartNs;
    private final boolean[] connectPending;
    private final Consumer<SelectionKey> keyHandler = this::onKey;
    private final Thread thread;
    /** The thread that started this worker; woken when the worker finishes. */
    private Thread owner;

    private Pacer[] pacers;
    private ScheduleLag[] lags;
    private Windows windows;
    /** The window the worker is in; see {@link #now}. */
    private Window window;

    private long nextWindowNs;
    /** The window whose start the paced schedules were last resumed at. */
    private Window resumedIn;

    private long startNs;
    /** Polling turns left until the next yield; see {@link #pause}. */
    private long pollsUntilYield;

    private long measureEndNs;
    private long drainDeadlineNs;
    private long timeoutNs;

    private long setupConnectErrors;
    private long connectionsLost;
    private int liveConnections;
    private int inFlight;
    private int connecting;
    private boolean keysReady;
    private long keyNowNs;
    /** The recorder this wake-up's batch was opened on (the window may change within it). */
    private LatencyRecorder batchRecorder;

    private long recordingBatch;
    private long waitStartNs;
    private long idleSinceNs = NOT_IDLE;
    private long finishedNs;
    private String firstError;
    private volatile boolean finished;
    private volatile boolean abort;
    private volatile Throwable failure;

    Worker(NanoClock clock, RunPlan plan, int threadIndex, Selector selector, Connection[] connections) {
        this.clock = clock;
        this.plan = plan;
        this.mode = plan.mode();
        this.selector = selector;
        this.connections = connections;
        this.firstConnection = plan.firstConnectionOf(threadIndex);
        this.due = new DueQueue(connections.length);
        this.opStartNs = new long[connections.length];
        this.connectPending = new boolean[connections.length];
        this.thread = new Thread(this, "loadgen-worker-" + threadIndex);
        this.thread.setDaemon(true);
    }

    /**
     * Opens this worker's connections and waits until they are connected or {@code deadlineNs}
     * passes; called by the owner before {@link #start}. Churn slots connect later, one operation
     * at a time.
     *
     * @return connections that are up
     */
    int connect(long deadlineNs) throws IOException {
        if (mode == Mode.CHURN) {
            return connections.length;
        }
        int pending = 0;
        for (Connection c : connections) {
            try {
                if (c.open(selector)) {
                    liveConnections++;
                } else {
                    pending++;
                }
            } catch (IOException e) {
                connectFailed(c, e);
            }
        }
        long remainingMs;
        while (pending > 0 && (remainingMs = (deadlineNs - clock.nanoTime()) / MS) > 0) {
            selector.select(remainingMs);
            for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                Connection c = (Connection) it.next().attachment();
                it.remove();
                try {
                    if (!c.finishConnect()) {
                        continue;
                    }
                    liveConnections++;
                } catch (IOException e) {
                    connectFailed(c, e);
                }
                pending--;
            }
        }
        for (Connection c : connections) {
            if (c.isOpen() && !connectedNow(c)) {
                connectFailed(c, new IOException("connect timed out"));
            }
        }
        return liveConnections;
    }

    private static boolean connectedNow(Connection c) {
        try {
            return c.finishConnect();
        } catch (IOException e) {
            return false;
        }
    }

    private void connectFailed(Connection c, IOException e) {
        setupConnectErrors++;
        noteError("connect: " + e.getMessage());
        c.close();
    }

    /**
     * Sets the timeline and starts the thread; it waits for {@code startNs} before sending. The
     * warm-up is rehearsed in windows of {@code rehearsalNs} ({@link Windows}).
     */
    void start(long start, long measureStart, long measureEnd, long drainDeadline, long rehearsalNs) {
        this.startNs = start;
        this.measureEndNs = measureEnd;
        this.drainDeadlineNs = drainDeadline;
        this.timeoutNs = plan.timeoutNs();
        this.windows = new Windows(start, measureStart, measureEnd, rehearsalNs);
        this.window = windows.current();
        this.resumedIn = window;
        this.nextWindowNs = windows.nextStartNs();
        this.owner = Thread.currentThread();
        windows.measured().tally().connectErrors += setupConnectErrors;
        if (mode == Mode.PACED) {
            pacers = new Pacer[connections.length];
            lags = new ScheduleLag[connections.length];
            double perConnection = plan.ratePerSec() / plan.connections();
            for (int i = 0; i < connections.length; i++) {
                pacers[i] = new Pacer(
                        plan.arrival()
                                .sequence(
                                        start, plan.ratePerSec(), firstConnection + i, plan.connections(), plan.seed()),
                        perConnection);
                lags[i] = new ScheduleLag();
            }
        }
        thread.start();
    }

    /** Asks the loop to stop at its next turn (the run is being abandoned). */
    void abort() {
        abort = true;
        selector.wakeup();
    }

    boolean finished() {
        return finished;
    }

    void join() throws InterruptedException {
        thread.join();
    }

    /** Latency of the measured requests; its reader takes intervals while the worker runs. */
    LatencyRecorder recorder() {
        return windows.measured().recorder();
    }

    /** Latency of the warm-up's requests, recorded to rehearse; whatever it holds is thrown away. */
    LatencyRecorder rehearsalRecorder() {
        return windows.rehearsalRecorder();
    }

    /** Results; read after {@link #join}. */
    Tally tally() {
        return windows.measured().tally();
    }

    Histogram sendLagNs() {
        return windows.measured().sendLagNs();
    }

    /** Active connections that failed or were closed by the server, at any time. */
    long connectionsLost() {
        return connectionsLost;
    }

    Throwable failure() {
        return failure;
    }

    String firstError() {
        return firstError;
    }

    /** Share of the measured interval (up to when this worker finished) it spent busy, percent. */
    double busyPercent() {
        return windows.measured().work().busyPercent(finishedNs);
    }

    @Override
    public void run() {
        try {
            parkUntil(startNs);
            begin(now());
            loop();
        } catch (Throwable t) {
            failure = t;
        } finally {
            finishedNs = clock.nanoTime();
            for (Connection c : connections) {
                if (!abort) {
                    // The drain is over: what is still in flight timed out (or was lost). An
                    // aborted run was stopped from outside; its requests in flight are no fault.
                    c.abandon(window.tally());
                }
                c.close();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // The run is over; a selector that fails to close leaks nothing that matters.
            }
            finished = true;
            // The owner may be asleep until its next tick: it should know now.
            LockSupport.unpark(owner);
        }
    }

    private void parkUntil(long whenNs) {
        long remaining;
        while ((remaining = whenNs - clock.nanoTime()) > 0) {
            if (remaining > SPIN_NS) {
                LockSupport.parkNanos(remaining - SPIN_NS);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private void begin(long now) {
        for (int i = 0; i < connections.length; i++) {
            Connection c = connections[i];
            switch (mode) {
                case CLOSED -> {
                    if (c.isOpen()) {
                        fill(c);
                    }
                }
                case PACED -> {
                    if (c.isOpen()) {
                        due.add(i, pacers[i].sendTimeNs(now));
                    }
                }
                case CHURN -> due.add(i, now);
            }
        }
    }

    /**
     * The current time, having entered the window it falls in: every reading that the worker acts
     * on goes through here, so whatever happens at a time is counted in the window containing it.
     * (A paced send's time is read directly: it is attributed to its intended time, which the
     * loop's reading already placed.)
     */
    private long now() {
        long nowNs = clock.nanoTime();
        if (nowNs >= nextWindowNs) {
            window = windows.advance(nowNs);
            nextWindowNs = windows.nextStartNs();
        }
        return nowNs;
    }

    private void loop() throws IOException {
        long nextExpiryNs = 0;
        while (!abort) {
            long now = now();
            if (idleSinceNs != NOT_IDLE) {
                // The last wait found nothing: it lasted until now.
                window.work().waited(idleSinceNs, now);
                idleSinceNs = NOT_IDLE;
            }
            if (resumedIn != window) {
                // A window began (here, or while handling echoes): no send has been due since.
                resumedIn = window;
                if (mode == Mode.PACED) {
                    resumeOnSchedule(now);
                }
            }
            if (due.peekDueNs() <= now) {
                do {
                    long dueNs = due.peekDueNs();
                    int i = due.poll();
                    if (mode == Mode.PACED) {
                        sendPaced(i, dueNs, now);
                    } else {
                        startChurn(i, now);
                    }
                } while (due.peekDueNs() <= now);
                // Sending took time: what follows must not start from a stale clock.
                now = now();
            }
            if (now >= nextExpiryNs) {
                expire(now);
                nextExpiryNs = now + EXPIRY_CHECK_NS;
            }
            boolean sending = now < measureEndNs;
            if (!sending && ((inFlight == 0 && connecting == 0) || now >= drainDeadlineNs)) {
                break;
            }
            if (liveConnections == 0 && mode != Mode.CHURN) {
                break;
            }
            long otherNs = Math.min(nextExpiryNs, sending ? measureEndNs : drainDeadlineNs);
            await(due.peekDueNs(), otherNs, now);
        }
    }

    /**
     * Waits until the next send is {@link #SPIN_NS} away, or until {@code otherNs} (a timeout
     * check, the end), or until a socket is ready: asleep as long as that allows, then polling.
     *
     * @param nextSendNs when the next send (or churn connect) is due; {@link Long#MAX_VALUE} if none
     * @param now the current time
     */
    private void await(long nextSendNs, long otherNs, long now) throws IOException {
        long sleepNs = Math.min(nextSendNs - SPIN_NS, otherNs) - now;
        waitStartNs = now;
        keysReady = false;
        boolean expectingEchoes = inFlight > 0 || connecting > 0;
        try {
            if (sleepNs > 0 && !expectingEchoes) {
                LockSupport.parkNanos(sleepNs);
                selector.selectNow(keyHandler);
            } else if (sleepNs >= MS) {
                long pollUntilNs = now + POLL_BEFORE_SLEEP_NS;
                while (selector.selectNow(keyHandler) == 0 && clock.nanoTime() < pollUntilNs) {
                    pause();
                }
                if (!keysReady) {
                    // A selector sleeps in whole milliseconds: rounded down, so it wakes early.
                    selector.select(keyHandler, sleepNs / MS);
                }
            } else if (selector.selectNow(keyHandler) == 0) {
                pause();
            }
        } finally {
            if (keysReady) {
                batchRecorder.endBatch(recordingBatch);
            }
        }
        if (!keysReady) {
            // Nothing was ready: the wait lasts until the loop's next clock reading.
            idleSinceNs = waitStartNs;
        }
    }

    /**
     * One turn of a polling loop with nothing ready: keeps the CPU, but for a yield every {@link
     * Windows.Window#pollsPerYield} turns (in the warm-up only; see there).
     */
    private void pause() {
        if (--pollsUntilYield <= 0) {
            pollsUntilYield = window.pollsPerYield();
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    private void onKey(SelectionKey key) {
        if (!keysReady) {
            // One receive time for the batch: each echo in it had arrived by the time select
            // returned, so later processing is not charged to the server.
            keysReady = true;
            keyNowNs = now();
            window.work().waited(waitStartNs, keyNowNs);
            // One recorder critical section for every echo of this wake-up.
            batchRecorder = window.recorder();
            recordingBatch = batchRecorder.beginBatch();
        }
        Connection c = (Connection) key.attachment();
        int ready = key.readyOps();
        if ((ready & SelectionKey.OP_CONNECT) != 0) {
            onConnectable(c);
            return;
        }
        if ((ready & SelectionKey.OP_READ) != 0) {
            readFrom(c);
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && key.isValid() && c.isOpen()) {
            flushTo(c);
        }
    }

    private void readFrom(Connection c) {
        // A closed-loop send while handling this wake-up may have entered the next window. The
        // echoes read here are of requests sent before it began, so its tally does not count them
        // and nothing reaches the recorder outside the batch's.
        Tally tally = window.tally();
        int answered;
        try {
            answered = c.read(keyNowNs, batchRecorder, tally);
        } catch (EchoMismatchException e) {
            if (tally.counting(keyNowNs)) {
                tally.verifyErrors++;
            }
            lose(c, "verify: " + e.getMessage());
            return;
        } catch (IOException e) {
            if (tally.counting(keyNowNs)) {
                tally.readErrors++;
            }
            if (c.streamOriented()) {
                lose(c, "read: " + e.getMessage());
            } else {
                noteError("read: " + e.getMessage());
            }
            return;
        }
        if (answered > 0) {
            inFlight -= answered;
            onRoom(c, keyNowNs);
        }
    }

    private boolean flushTo(Connection c) {
        try {
            return c.flush(window.tally());
        } catch (IOException e) {
            long now = now();
            if (window.tally().counting(now)) {
                window.tally().writeErrors++;
            }
            if (c.streamOriented()) {
                lose(c, "write: " + e.getMessage());
            } else {
                noteError("write: " + e.getMessage());
            }
            return false;
        }
    }

    /** Requests were answered or given up on {@code c}: it may send again. */
    private void onRoom(Connection c, long now) {
        int i = c.index;
        switch (mode) {
            case CLOSED -> fill(c);
            case PACED -> {
                if (!due.contains(i) && c.isOpen() && c.hasRoom() && pacers[i].intendedNs() < measureEndNs) {
                    due.add(i, pacers[i].sendTimeNs(now));
                }
            }
            case CHURN -> {
                if (c.inFlight() == 0) {
                    c.close();
                    if (now < measureEndNs && !due.contains(i)) {
                        due.add(i, now);
                    }
                }
            }
        }
    }

    /** Closed loop: tops the connection up to its depth, in one write on a stream. */
    private void fill(Connection c) {
        long sentNs = now();
        if (sentNs >= measureEndNs) {
            return;
        }
        if (!c.streamOriented() && !flushTo(c)) {
            // A datagram the socket could not take yet still waits; writability brings it back.
            return;
        }
        while (c.isOpen() && c.hasRoom()) {
            c.send(sentNs, sentNs, window.tally());
            inFlight++;
            if (!c.streamOriented() && !flushTo(c)) {
                return;
            }
        }
        if (c.streamOriented() && c.isOpen()) {
            flushTo(c);
        }
    }

    private void sendPaced(int i, long dueNs, long now) {
        Connection c = connections[i];
        Pacer pacer = pacers[i];
        if (!c.isOpen() || !c.hasRoom() || pacer.intendedNs() >= measureEndNs) {
            // Closed, full (an echo will bring it back), or its schedule is over.
            return;
        }
        long sendAtNs = pacer.sendTimeNs(now);
        if (sendAtNs > now) {
            due.add(i, sendAtNs);
            return;
        }
        long sentNs = clock.nanoTime();
        long intendedNs = pacer.take(sentNs);
        Window w = window;
        c.send(intendedNs, sentNs, w.tally());
        inFlight++;
        long lagNs = lags[i].onSend(intendedNs, dueNs, sentNs);
        if (w.tally().measured(intendedNs)) {
            w.sendLagNs().recordValue(lagNs);
        }
        flushTo(c);
        if (c.isOpen() && c.hasRoom() && pacer.intendedNs() < measureEndNs) {
            due.add(i, pacer.sendTimeNs(sentNs));
        }
    }

    /**
     * A window begins: every connection drops the requests the previous one still owes and
     * resumes on schedule, so the measured interval measures the load asked for from its first
     * moment, not the warm-up's backlog (which would be sent, unmeasured, in its place).
     */
    private void resumeOnSchedule(long now) {
        for (int i = 0; i < connections.length; i++) {
            Pacer pacer = pacers[i];
            if (pacer.skipTo(window.startNs()) > 0 && due.contains(i)) {
                due.remove(i);
                due.add(i, pacer.sendTimeNs(now));
            }
        }
    }

    private void startChurn(int i, long now) {
        if (now >= measureEndNs) {
            return;
        }
        Connection c = connections[i];
        opStartNs[i] = now;
        try {
            if (c.open(selector)) {
                onConnected(c);
            } else {
                connectPending[i] = true;
                connecting++;
            }
        } catch (IOException e) {
            churnConnectFailed(c, now, e);
        }
    }

    private void onConnectable(Connection c) {
        try {
            if (!c.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            connectPending[c.index] = false;
            connecting--;
            churnConnectFailed(c, keyNowNs, e);
            return;
        }
        connectPending[c.index] = false;
        connecting--;
        onConnected(c);
    }

    private void churnConnectFailed(Connection c, long now, IOException e) {
        if (window.tally().counting(now)) {
            window.tally().connectErrors++;
        }
        noteError("connect: " + e.getMessage());
        c.close();
        due.add(c.index, now + CHURN_RETRY_NS);
    }

    /** Churn: the connection is up; its one request counts from the start of the connect. */
    private void onConnected(Connection c) {
        c.send(opStartNs[c.index], clock.nanoTime(), window.tally());
        inFlight++;
        flushTo(c);
    }

    private void expire(long now) {
        for (Connection c : connections) {
            if (connectPending[c.index] && now - opStartNs[c.index] >= timeoutNs) {
                // A churn connect the server never completed (a full listen queue drops SYNs).
                connectPending[c.index] = false;
                connecting--;
                churnConnectFailed(c, now, new IOException("connect timed out"));
                continue;
            }
            if (c.isOpen() && c.inFlight() > 0) {
                int given = c.expire(now, timeoutNs, window.tally());
                if (given > 0) {
                    inFlight -= given;
                    onRoom(c, now);
                }
            }
        }
    }

    /** A stream connection failed: its requests in flight go with it. */
    private void lose(Connection c, String why) {
        noteError(why);
        inFlight -= c.inFlight();
        c.close();
        due.remove(c.index);
        if (mode == Mode.CHURN) {
            long now = clock.nanoTime();
            if (now < measureEndNs) {
                due.add(c.index, now + CHURN_RETRY_NS);
            }
        } else {
            liveConnections--;
            connectionsLost++;
        }
    }

    private void noteError(String why) {
        if (firstError == null) {
            firstError = why;
        }
    }
}
