package dev.sockbench.loadgen.engine;

import dev.sockbench.loadgen.client.Connection;
import dev.sockbench.loadgen.client.EchoMismatchException;
import dev.sockbench.loadgen.engine.Timeline.Period;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One load generator thread: the loop over its share of the connections. The loop waits (for a
 * socket, for the next due moment, for a timeout check), reads and verifies echoes, counts time and
 * requests into the period they belong to, and gives up on requests past the timeout; <em>when to
 * send</em> is its {@link Driver}'s: {@link ClosedDriver} (closed, ping-pong, stream shapes),
 * {@link PacedDriver} (open, idle, sweep steps), {@link ChurnDriver}. Each driver owns its state;
 * the loop consults it at one place per turn, as wrk2 does.
 *
 * <h2>Timing</h2>
 *
 * A loop expecting echoes polls for {@link #POLL_BEFORE_SLEEP_NS} before it sleeps in the
 * selector. A send due more than {@link #SPIN_NS} ahead is waited for asleep (a timed select when
 * echoes are expected, which wakes at once when one arrives; a park otherwise); the last {@link
 * #SPIN_NS} before it are spent polling. A sleeping thread wakes late, and, worse, whatever the
 * scheduler put on its CPU meanwhile keeps it until its slice ends; a polling thread keeps its CPU
 * and is not woken at all. Sends thus leave within microseconds of their time, and how late they
 * left is recorded (the send lag). A paced loop also polls, never sleeps, while echoes are due
 * ({@link Driver#pollsForEchoes}): a thread asleep in the selector is woken late when its CPU is
 * taken, and that delay would pass for the server's. The price is CPU (see the README).
 *
 * <h2>Self-accounting</h2>
 *
 * Time spent waiting (asleep, or polling with nothing ready) within the measured interval is idle;
 * the rest is busy. A gap of more than {@link #STALL_NS} between two turns that should have
 * followed each other at once (a poll, or a sleep that should have ended) is a <em>stall</em> of
 * the generator: its thread did not run. A full connection found readable by the first poll after
 * a stall may have had its echo waiting unread during it, so the driver charges the stall to the
 * requests due then ({@link Driver#onStall}); one still waiting for its echo after the stall lost
 * nothing by it, and is not charged.
 *
 * <h2>The end</h2>
 *
 * Sending goes on after the measured interval while requests intended in it are owed (a backlog
 * after a stall), up to {@code sendEnd} = end + timeout; what is in flight is waited for up to one
 * more timeout. Then what is still in flight is given up ({@link Connection#abandon}) and what was
 * never sent counted ({@link Driver#finish}): every request intended in the interval gets a fate.
 *
 * <p>Threading: the owner opens the connections ({@link #connect}) and calls {@link #start} from
 * one thread; the loop then runs on its own thread (or, in tests, {@link #runHere}). Results are
 * read after {@link #join}.
 */
final class EventLoop implements Runnable {
    /** Polling starts this long before a due send; see the class comment. */
    static final long SPIN_NS = 5_000_000;
    /**
     * A loop expecting echoes polls this long before it sleeps in the selector: a loopback echo
     * usually comes back within it, and a thread woken from sleep would add its wake-up latency to
     * the round trip it measures, and the kernel work of waking it to the cost of every request.
     */
    static final long POLL_BEFORE_SLEEP_NS = 50_000;
    /** Timeouts are checked at least this often. */
    static final long EXPIRY_CHECK_NS = 5_000_000;
    /** A gap between turns longer than this is a stall of the generator; see the class comment. */
    static final long STALL_NS = 20_000;

    private static final long MS = 1_000_000;
    private static final long NOT_SET = Long.MIN_VALUE;

    final NanoClock clock;
    final LoadPlan plan;
    final Poller poller;
    final Connection[] connections;
    /** The connections waiting for a moment (a send, a connect), owned by the driver. */
    final DueQueue due;

    private final Driver driver;
    private final Thread thread;
    /** The thread that started this loop; woken when it finishes. */
    private Thread owner;

    private Timeline timeline;
    /** The period the loop is in; see {@link #now}. */
    private Period period;

    private long nextPeriodNs;
    /** The period whose start the driver was last told of. */
    private Period begunIn;

    private long startNs;
    long measureEndNs;
    /** No send leaves after this: a request still owed then is more than a timeout late. */
    long sendEndNs;

    private long drainDeadlineNs;
    final long timeoutNs;
    /** Polling turns left until the next yield; see {@link #pause}. */
    private long pollsUntilYield;

    private long setupConnectErrors;
    private long connectionsLost;
    private int liveConnections;
    private int inFlight;
    private boolean keysReady;
    private long keyNowNs;
    /** The recorder this wake-up's batch was opened on (the period may change within it). */
    private LatencyRecorder batchRecorder;

    private long recordingBatch;
    private long waitStartNs;
    private long idleSinceNs = NOT_SET;
    /**
     * Since when the loop has been meant to run without a pause: its last clock reading, or the
     * end of a sleep; {@link #NOT_SET} while asleep in a selector that a socket may wake.
     */
    private long runningByNs = NOT_SET;
    /** A stall seen since the last poll, to charge to the connections that poll finds ready; {@link #NOT_SET} if none. */
    private long stallFromNs = NOT_SET;

    private long stallToNs;

    private long finishedNs;
    private String firstError;
    private volatile boolean finished;
    private volatile boolean abort;
    private volatile Throwable failure;

    /** This worker's index among the run's, which picks its CPU ({@link WorkerAffinity}). */
    private final int threadIndex;

    EventLoop(NanoClock clock, LoadPlan plan, int threadIndex, Poller poller, Connection[] connections) {
        this.clock = clock;
        this.plan = plan;
        this.poller = poller;
        this.connections = connections;
        this.timeoutNs = plan.timeoutNs();
        this.due = new DueQueue(connections.length);
        this.driver = switch (plan.mode()) {
            case CLOSED -> new ClosedDriver(this);
            case PACED -> new PacedDriver(this, plan.firstConnectionOf(threadIndex));
            case CHURN -> new ChurnDriver(this);
        };
        this.threadIndex = threadIndex;
        this.thread = new Thread(this, "loadgen-worker-" + threadIndex);
        this.thread.setDaemon(true);
        poller.handler(this::onReady);
    }

    /**
     * Opens this loop's connections and waits until they are connected or {@code deadlineNs}
     * passes; called by the owner before {@link #start}. Churn slots connect later, one operation
     * at a time.
     *
     * @return connections that are up
     */
    int connect(long deadlineNs) throws IOException {
        if (plan.mode() == Mode.CHURN) {
            return connections.length;
        }
        int pending = 0;
        for (Connection c : connections) {
            try {
                if (c.open(poller.selector())) {
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
            var selector = poller.selector();
            selector.select(remainingMs);
            for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
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
     * Sets the timeline; the loop waits for {@code start} before sending. The warm-up is rehearsed
     * in timeline of {@code rehearsalNs} ({@link Timeline}).
     */
    void start(long start, long measureStart, long measureEnd, long rehearsalNs) {
        prepare(start, measureStart, measureEnd, rehearsalNs);
        thread.start();
    }

    /** Like {@link #start}, but runs the loop on the calling thread to its end (tests, on an injected clock). */
    void runHere(long start, long measureStart, long measureEnd, long rehearsalNs) {
        prepare(start, measureStart, measureEnd, rehearsalNs);
        run();
    }

    private void prepare(long start, long measureStart, long measureEnd, long rehearsalNs) {
        this.startNs = start;
        this.measureEndNs = measureEnd;
        this.sendEndNs = measureEnd + timeoutNs;
        this.drainDeadlineNs = sendEndNs + timeoutNs + 2 * EXPIRY_CHECK_NS;
        this.timeline = new Timeline(start, measureStart, measureEnd, rehearsalNs);
        this.period = timeline.current();
        this.begunIn = period;
        this.nextPeriodNs = timeline.nextStartNs();
        this.owner = Thread.currentThread();
        timeline.measured().tally().connectErrors += setupConnectErrors;
        driver.prepare(start);
    }

    /** Asks the loop to stop at its next turn (the run is being abandoned). */
    void abort() {
        abort = true;
        poller.wakeup();
    }

    boolean finished() {
        return finished;
    }

    void join() throws InterruptedException {
        thread.join();
    }

    /** Latency of the measured requests; its reader takes intervals while the loop runs. */
    LatencyRecorder recorder() {
        return timeline.measured().recorder();
    }

    /** Latency of the warm-up's requests, recorded to rehearse; whatever it holds is thrown away. */
    LatencyRecorder rehearsalRecorder() {
        return timeline.rehearsalRecorder();
    }

    /** Results; read after {@link #join}. */
    Tally tally() {
        return timeline.measured().tally();
    }

    Histogram sendLagNs() {
        return timeline.measured().sendLagNs();
    }

    Histogram blockedNs() {
        return timeline.measured().blockedNs();
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

    /** Share of the measured interval (up to when this loop finished) it spent busy, percent. */
    double busyPercent() {
        return timeline.measured().work().busyPercent(finishedNs);
    }

    /** The period the loop is in. */
    Period period() {
        return period;
    }

    /** The measured interval's period. */
    Period measured() {
        return timeline.measured();
    }

    @Override
    public void run() {
        try {
            WorkerAffinity.pinCurrentThread(threadIndex);
            parkUntil(startNs);
            driver.begin(now());
            loop();
        } catch (Throwable t) {
            failure = t;
        } finally {
            finishedNs = clock.nanoTime();
            if (!abort && failure == null) {
                // The drain is over: what is still in flight is given up, what was never sent is
                // counted. An aborted run was stopped from outside; its requests are no fault.
                Period m = timeline.measured();
                for (Connection c : connections) {
                    c.abandon(timeoutNs, m.tally(), m.recorder());
                }
                driver.finish(finishedNs);
            }
            for (Connection c : connections) {
                c.close();
            }
            poller.close();
            finished = true;
            // The owner may be asleep until its next tick: it should know now.
            LockSupport.unpark(owner);
        }
    }

    private void parkUntil(long whenNs) {
        long remaining;
        while ((remaining = whenNs - clock.nanoTime()) > 0) {
            if (remaining > SPIN_NS) {
                poller.park(remaining - SPIN_NS);
            } else {
                poller.pause(false);
            }
        }
    }

    /**
     * The current time, having entered the period it falls in: every reading that the loop acts on
     * goes through here, so whatever happens at a time is counted in the period containing it.
     */
    long now() {
        long nowNs = clock.nanoTime();
        if (nowNs >= nextPeriodNs) {
            period = timeline.advance(nowNs);
            nextPeriodNs = timeline.nextStartNs();
        }
        return nowNs;
    }

    private void loop() throws IOException {
        long nextExpiryNs = 0;
        while (!abort) {
            long now = now();
            if (idleSinceNs != NOT_SET) {
                // The last wait found nothing: it lasted until now.
                period.work().waited(idleSinceNs, now);
                idleSinceNs = NOT_SET;
            }
            sawTime(now);
            if (begunIn != period) {
                // A period began (here, or while handling echoes): no send has been due since.
                begunIn = period;
                driver.onPeriod(now);
            }
            if (due.peekDueNs() <= now) {
                do {
                    long dueNs = due.peekDueNs();
                    driver.onDue(due.poll(), dueNs, now);
                } while (due.peekDueNs() <= now);
                // Sending took time: what follows must not start from a stale clock.
                now = now();
            }
            if (now >= nextExpiryNs) {
                expire(now);
                nextExpiryNs = now + EXPIRY_CHECK_NS;
            }
            boolean sending = now < measureEndNs;
            if (!sending && (drained(now) || now >= drainDeadlineNs)) {
                break;
            }
            if (liveConnections == 0 && plan.mode() != Mode.CHURN) {
                break;
            }
            long otherNs = Math.min(nextExpiryNs, sending ? measureEndNs : drainDeadlineNs);
            await(due.peekDueNs(), otherNs, now);
        }
    }

    /** After the interval: nothing in flight, nothing connecting, nothing owed that may still be sent. */
    private boolean drained(long now) {
        return inFlight == 0 && !driver.connecting() && (due.isEmpty() || now >= sendEndNs);
    }

    /**
     * Waits until the next send is {@link #SPIN_NS} away, or until {@code otherNs} (a timeout
     * check, the end), or until a socket is ready: asleep as long as that allows, then polling.
     *
     * @param nextSendNs when the next send (or churn connect) is due; {@link Long#MAX_VALUE} if none
     * @param now the current time
     */
    private void await(long nextSendNs, long otherNs, long now) throws IOException {
        long wakeNs = Math.min(nextSendNs - SPIN_NS, otherNs);
        long sleepNs = wakeNs - now;
        waitStartNs = now;
        keysReady = false;
        boolean expectingEchoes = inFlight > 0 || driver.connecting();
        try {
            if (sleepNs > 0 && !expectingEchoes) {
                poller.park(sleepNs);
                runningByNs = wakeNs;
                sawTime(clock.nanoTime());
                pollNow();
            } else if (sleepNs >= MS && !driver.pollsForEchoes()) {
                long pollUntilNs = now + POLL_BEFORE_SLEEP_NS;
                while (pollNow() == 0) {
                    pause();
                    long t = clock.nanoTime();
                    sawTime(t);
                    if (t >= pollUntilNs) {
                        break;
                    }
                }
                if (!keysReady) {
                    // A selector sleeps in whole milliseconds: rounded down, so it wakes early.
                    // Asleep in the selector, the loop is not meant to run: an echo would wake it (how
                    // late is unknowable), and waking late with none ready kept no echo waiting.
                    runningByNs = NOT_SET;
                    poller.poll(sleepNs / MS);
                    stallFromNs = NOT_SET;
                }
            } else if (pollNow() == 0) {
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
     * The loop read the clock at {@code t} while running: if it should have been running since
     * {@link #runningByNs} and more than {@link #STALL_NS} passed, its thread did not run in
     * between (descheduled, paused) — a stall of the generator.
     */
    private void sawTime(long t) {
        if (runningByNs != NOT_SET && t - runningByNs > STALL_NS) {
            if (stallFromNs == NOT_SET) {
                stallFromNs = runningByNs;
            }
            stallToNs = t;
        }
        runningByNs = t;
    }

    /** Polls without waiting; the connections found ready are told of a stall just before ({@link #onReady}). */
    private int pollNow() throws IOException {
        int ready = poller.pollNow();
        stallFromNs = NOT_SET;
        return ready;
    }

    /**
     * One turn of a polling loop with nothing ready: keeps the CPU, but for a yield every {@link
     * Timeline.Period#pollsPerYield} turns (in the warm-up only; see there).
     */
    private void pause() {
        if (--pollsUntilYield <= 0) {
            pollsUntilYield = period.pollsPerYield();
            poller.pause(true);
        } else {
            poller.pause(false);
        }
    }

    private void onReady(Connection c, int ready) {
        if (!keysReady) {
            // One receive time for the batch: each echo in it had arrived by the time the poll
            // returned, so later processing is not charged to the server.
            keysReady = true;
            keyNowNs = now();
            period.work().waited(waitStartNs, keyNowNs);
            // One recorder critical section for every echo of this wake-up.
            batchRecorder = period.recorder();
            recordingBatch = batchRecorder.beginBatch();
        }
        if ((ready & SelectionKey.OP_CONNECT) != 0) {
            driver.onConnectable(c, keyNowNs);
            return;
        }
        if ((ready & SelectionKey.OP_READ) != 0) {
            if (stallFromNs != NOT_SET) {
                driver.onStall(c, stallFromNs, stallToNs);
            }
            readFrom(c);
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && c.isOpen()) {
            flush(c);
        }
    }

    private void readFrom(Connection c) {
        // A closed-loop send while handling this wake-up may have entered the next period. The
        // echoes read here are of requests sent before it began, so its tally does not count them
        // and nothing reaches the recorder outside the batch's.
        Tally tally = period.tally();
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
            driver.onRoom(c, keyNowNs);
        }
    }

    /** Queues one request on {@code c}. */
    void send(Connection c, long intendedNs, long sentNs) {
        c.send(intendedNs, sentNs, period.tally());
        inFlight++;
    }

    /** Hands {@code c}'s queued bytes to the kernel; false when some are left or it failed. */
    boolean flush(Connection c) {
        try {
            return c.flush(period.tally());
        } catch (IOException e) {
            long now = now();
            if (period.tally().counting(now)) {
                period.tally().writeErrors++;
            }
            if (c.streamOriented()) {
                lose(c, "write: " + e.getMessage());
            } else {
                noteError("write: " + e.getMessage());
            }
            return false;
        }
    }

    private void expire(long now) {
        driver.expireConnects(now);
        for (Connection c : connections) {
            if (c.isOpen() && c.inFlight() > 0) {
                int given = c.expire(now, timeoutNs, period.tally(), period.recorder());
                if (given > 0) {
                    inFlight -= given;
                    driver.onRoom(c, now);
                }
            }
        }
    }

    /** A stream connection failed: its requests in flight die with it. */
    private void lose(Connection c, String why) {
        noteError(why);
        inFlight -= c.inFlight();
        c.failInFlight(timeline.measured().tally());
        c.close();
        due.remove(c.index);
        if (!driver.onLost(c, clock.nanoTime())) {
            liveConnections--;
            connectionsLost++;
        }
    }

    void noteError(String why) {
        if (firstError == null) {
            firstError = why;
        }
    }
}
