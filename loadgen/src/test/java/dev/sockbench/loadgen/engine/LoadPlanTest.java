package dev.sockbench.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.loadgen.client.ClientOptions;
import org.junit.jupiter.api.Test;

class LoadPlanTest {

    @Test
    void connectionsAreSpreadEvenlyWithTheRemainderOnTheFirstThreads() {
        ClientOptions client =
                new ClientOptions(Endpoint.parse("tcp://127.0.0.1:1"), Framing.LENGTH, 64, 1, 1, 1, null);
        LoadPlan plan = new LoadPlan(Mode.CLOSED, client, 11, 4, 0, null, 0, 0, 1, 1, 0);
        assertThat(plan.connectionsOf(0)).isEqualTo(3);
        assertThat(plan.connectionsOf(1)).isEqualTo(3);
        assertThat(plan.connectionsOf(2)).isEqualTo(3);
        assertThat(plan.connectionsOf(3)).isEqualTo(2);
        int next = 0;
        for (int t = 0; t < 4; t++) {
            assertThat(plan.firstConnectionOf(t)).isEqualTo(next);
            next += plan.connectionsOf(t);
        }
        assertThat(next).isEqualTo(11);
    }
}
