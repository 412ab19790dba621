package dev.sockbench.loadgen.recording;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatagramWindowTest {
    static final long TIMEOUT = 1_000;
    /** Echoes in these tests arrive in time unless a test says otherwise. */
    static final long NOW = 0;
    /** Where given-up requests go; the tests that read it make their own. */
    static final LatencyRecorder REC = new LatencyRecorder();

    /** A tally whose measured interval covers everything. */
    static Tally everything() {
        return new Tally(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static long sendOne(DatagramWindow w, Tally t, long at) {
        long seq = w.open(at);
        w.markSent(seq, at, t);
        return seq;
    }

    @Test
    void eachEchoIsClassifiedExactlyOnce() {
        Tally t = everything();
        DatagramWindow w = new DatagramWindow(8);
        for (int i = 0; i < 6; i++) {
            sendOne(w, t, 100 + i);
        }
        assertThat(w.inFlight()).isEqualTo(6);
        assertThat(w.onEcho(0, NOW, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.RECEIVED);
        assertThat(w.onEcho(2, NOW, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.RECEIVED);
        assertThat(w.onEcho(1, NOW, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.RECEIVED); // after 2: reordered
        assertThat(w.onEcho(2, NOW, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.DUPLICATED);
        assertThat(w.onEcho(99, NOW, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.UNKNOWN); // never sent
        assertThat(w.intendedNs(1)).isEqualTo(101);
        assertThat(w.sentNs(1)).isEqualTo(101);

        // 3, 4 and 5 left at 103..105; at 1,104 the timeout has passed for 3 and 4 only.
        assertThat(w.expire(104 + TIMEOUT, TIMEOUT, t, REC)).isEqualTo(2);
        assertThat(w.inFlight()).isEqualTo(1);
        assertThat(w.onEcho(3, NOW, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.LATE);
        assertThat(w.onEcho(5, NOW, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.RECEIVED);

        assertThat(t.datagrams().sent()).isEqualTo(6);
        assertThat(t.datagrams().received()).isEqualTo(4);
        assertThat(t.datagrams().lost()).isEqualTo(2);
        assertThat(t.datagrams().late()).isEqualTo(1);
        assertThat(t.datagrams().duplicated()).isEqualTo(1);
        assertThat(t.datagrams().reordered()).isEqualTo(1);
        assertThat(t.datagrams().received() + t.datagrams().lost())
                .isEqualTo(t.datagrams().sent());
    }

    @Test
    void onlyRequestsIntendedInTheMeasuredIntervalAreCounted() {
        Tally t = new Tally(1_000, 2_000);
        DatagramWindow w = new DatagramWindow(8);
        long warm = sendOne(w, t, 500);
        long measured = sendOne(w, t, 1_500);
        long after = sendOne(w, t, 2_500);
        w.onEcho(warm, NOW, TIMEOUT, t, REC);
        w.onEcho(measured, NOW, TIMEOUT, t, REC);
        w.onEcho(measured, NOW, TIMEOUT, t, REC);
        w.onEcho(after, NOW, TIMEOUT, t, REC);
        assertThat(t.datagrams().sent()).isEqualTo(1);
        assertThat(t.datagrams().received()).isEqualTo(1);
        assertThat(t.datagrams().duplicated()).isEqualTo(1);
    }

    @Test
    void aPendingRequestHoldsItsSlotSoTheWindowNeverOverwritesIt() {
        Tally t = everything();
        DatagramWindow w = new DatagramWindow(1);
        long stuck = sendOne(w, t, 0);
        assertThat(w.hasRoom()).isFalse(); // depth 1
        // Answer nothing, but let many later requests come and go around... depth 1 forbids it;
        // with room freed only by the timeout, the stuck one is counted lost, not overwritten.
        assertThat(w.expire(TIMEOUT, TIMEOUT, t, REC)).isEqualTo(1);
        assertThat(w.hasRoom()).isTrue();
        for (int i = 1; i < 1_000; i++) {
            long seq = sendOne(w, t, 2 * TIMEOUT + i);
            assertThat(w.onEcho(seq, NOW, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.RECEIVED);
        }
        // An echo of the long-gone request, older than the ring: late, never a sample.
        assertThat(w.onEcho(stuck, NOW, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.LATE);
        assertThat(t.datagrams().lost()).isEqualTo(1);
        assertThat(t.datagrams().late()).isEqualTo(1);
        assertThat(t.datagrams().received()).isEqualTo(999);
    }

    @Test
    void attheEndEverythingStillPendingIsLostAndAnUnsentRequestIsDropped() {
        Tally t = everything();
        DatagramWindow w = new DatagramWindow(4);
        sendOne(w, t, 10);
        sendOne(w, t, 11);
        w.open(12); // never taken by the socket
        assertThat(w.expireAll(TIMEOUT, t, REC)).isEqualTo(2);
        assertThat(w.inFlight()).isZero();
        assertThat(t.datagrams().sent()).isEqualTo(2);
        assertThat(t.datagrams().lost()).isEqualTo(2);
    }

    @Test
    void anEchoThatComesAfterTheTimeoutIsLostAndLateEvenBeforeTheTimeoutWasNoticed() {
        Tally t = everything();
        DatagramWindow w = new DatagramWindow(4);
        long seq = sendOne(w, t, 100);
        // No expire() ran yet: the echo itself comes at the timeout.
        assertThat(w.onEcho(seq, 100 + TIMEOUT, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.EXPIRED_ON_ARRIVAL);
        assertThat(w.inFlight()).isZero();
        assertThat(t.datagrams().received()).isZero();
        assertThat(t.datagrams().lost()).isEqualTo(1);
        assertThat(t.datagrams().late()).isEqualTo(1);
        // One tick earlier it is in time.
        long next = sendOne(w, t, 200);
        assertThat(w.onEcho(next, 200 + TIMEOUT - 1, TIMEOUT, t, REC)).isEqualTo(DatagramWindow.RECEIVED);
    }

    @Test
    void aLostMeasuredRequestEntersTheCorrectedLatencyAtItsTimeoutAndNeverTheRaw() {
        Tally t = new Tally(1_000, 2_000);
        LatencyRecorder recorder = new LatencyRecorder();
        DatagramWindow w = new DatagramWindow(8);
        long seq = w.open(1_100); // intended at 1,100
        w.markSent(seq, 1_300, t); // left 200 ns late
        long warm = sendOne(w, t, 900); // warm-up: never counted
        assertThat(w.expire(1_300 + TIMEOUT, TIMEOUT, t, recorder)).isEqualTo(2);
        LatencyRecorder.Interval recorded = recorder.take(null);
        assertThat(recorded.corrected().getTotalCount()).isEqualTo(1);
        // At least 200 + TIMEOUT late from its intended time.
        assertThat(recorded.corrected().getMaxValue())
                .isEqualTo(recorded.corrected().highestEquivalentValue(200 + TIMEOUT));
        assertThat(recorded.raw().getTotalCount()).isZero();
        assertThat(t.datagrams().lost()).isEqualTo(1);
        assertThat(t.accounting().lost()).isEqualTo(1);
        assertThat(warm).isEqualTo(1);
    }
}
