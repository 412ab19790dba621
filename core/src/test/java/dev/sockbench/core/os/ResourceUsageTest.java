package dev.sockbench.core.os;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceUsageTest {

    @Test
    void countsTheSwitchesOfThreadsThatHaveAlreadyExited() throws Exception {
        int naps = 50;
        ResourceUsage before = ResourceUsage.ofThisProcess();
        // Each nap blocks the thread in the kernel: one voluntary context switch at least.
        Thread napper = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < naps; i++) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        napper.join(); // the thread is gone: its switches must still be counted

        ResourceUsage used = ResourceUsage.ofThisProcess().minus(before);
        assertThat(used.voluntaryCtxSwitches()).isGreaterThanOrEqualTo(naps);
        assertThat(used.userCpuUs() + used.sysCpuUs()).isPositive();
    }
}
