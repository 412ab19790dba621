package dev.sockbench.loadgen.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InFlightQueueTest {

    @Test
    void echoesMatchTheOldestRequestWithConsecutiveSequenceNumbers() {
        InFlightQueue q = new InFlightQueue(3);
        assertThat(q.add(10, 11)).isZero();
        assertThat(q.add(20, 21)).isEqualTo(1);
        assertThat(q.add(30, 31)).isEqualTo(2);
        assertThat(q.isFull()).isTrue();
        assertThatThrownBy(() -> q.add(40, 41)).isInstanceOf(IllegalStateException.class);
        assertThat(q.headSequence()).isZero();
        assertThat(q.headIntendedNs()).isEqualTo(10);
        assertThat(q.headSentNs()).isEqualTo(11);
        q.removeHead();
        assertThat(q.add(40, 41)).isEqualTo(3); // wraps around the ring
        for (long seq = 1; seq <= 3; seq++) {
            assertThat(q.headSequence()).isEqualTo(seq);
            assertThat(q.headIntendedNs()).isEqualTo(seq * 10 + 10);
            q.removeHead();
        }
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void aTimeoutIsMarkedOncePerRequestAndClearingKeepsTheSequenceGoing() {
        InFlightQueue q = new InFlightQueue(2);
        q.add(1, 1);
        q.add(2, 2);
        q.markHeadTimedOut();
        assertThat(q.headTimedOut()).isTrue();
        q.removeHead();
        assertThat(q.headTimedOut()).isFalse();
        q.clear();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.add(3, 3)).isEqualTo(2);
    }
}
