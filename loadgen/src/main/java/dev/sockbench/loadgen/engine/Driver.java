package dev.sockbench.loadgen.engine;

import dev.sockbench.loadgen.client.Connection;

/**
 * When an {@link EventLoop}'s connections send: the part of the loop that differs per load family.
 * A driver owns its state (schedules, churn slots) and acts through its loop ({@link
 * EventLoop#send}, {@link EventLoop#flush}, {@link EventLoop#due}); the loop calls it from its one
 * thread.
 */
sealed interface Driver permits ClosedDriver, PacedDriver, ChurnDriver {
    /** The timeline is set, the warm-up begins at {@code startNs}; before the loop's thread runs. */
    default void prepare(long startNs) {}

    /** The first turn of the loop. */
    void begin(long nowNs);

    /** Connection {@code index} reached the moment it was waiting for in {@link EventLoop#due}. */
    default void onDue(int index, long dueNs, long nowNs) {}

    /** Requests of {@code c} were answered or given up: it has room again. */
    void onRoom(Connection c, long nowNs);

    /** A counting period began (a rehearsal period, or the measured interval). */
    default void onPeriod(long nowNs) {}

    /**
     * The generator stalled from {@code fromNs} to {@code toNs}, and {@code c} was found readable
     * right after: its echo may have waited unread during the stall; see {@link EventLoop}.
     */
    default void onStall(Connection c, long fromNs, long toNs) {}

    /** A churn connect completed (or failed). */
    default void onConnectable(Connection c, long nowNs) {}

    /** Churn connects past the timeout are given up. */
    default void expireConnects(long nowNs) {}

    /**
     * True when the loop polls, rather than sleeps, while echoes are due: for schedules whose
     * requests may be held up behind a full connection, so that any stall of the generator in the
     * meantime shows as a gap between its turns ({@link #onStall}).
     */
    default boolean pollsForEchoes() {
        return false;
    }

    /** True while a connect is under way (the loop waits for it). */
    default boolean connecting() {
        return false;
    }

    /**
     * A stream connection broke and was closed.
     *
     * @return true when the driver carries on with it (churn opens it again); false when it is lost
     */
    default boolean onLost(Connection c, long nowNs) {
        return false;
    }

    /** The loop ended at {@code endNs} (not aborted): count the measured requests never sent. */
    default void finish(long endNs) {}
}
