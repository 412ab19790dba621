package dev.sockbench.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DueQueueTest {

    @Test
    void pollsInDueOrderAndRemovesAnywhere() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 500;
        DueQueue q = new DueQueue(n);
        long[] due = new long[n];
        for (int i = 0; i < n; i++) {
            due[i] = random.nextLong(1_000_000);
            q.add(i, due[i]);
        }
        for (int i = 0; i < n; i += 7) {
            q.remove(i);
            assertThat(q.contains(i)).isFalse();
        }
        List<Long> polled = new ArrayList<>();
        long last = Long.MIN_VALUE;
        while (!q.isEmpty()) {
            long d = q.peekDueNs();
            int id = q.poll();
            assertThat(due[id]).isEqualTo(d);
            assertThat(d).isGreaterThanOrEqualTo(last);
            assertThat(id % 7).isNotZero();
            last = d;
            polled.add(d);
        }
        assertThat(polled).hasSize(n - (n + 6) / 7);
        assertThat(q.peekDueNs()).isEqualTo(Long.MAX_VALUE);
    }
}
