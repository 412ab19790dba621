package dev.sockbench.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.process.Phase;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The sampler on this very process, which stands in for the server. */
class ServerSamplerTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void aThreadThatExitsInsideTheIntervalStillCountsItsSwitches() throws Exception {
        ServerSampler sampler = new ServerSampler(
                ProcFs.system(), SELF, ResourceUsage::ofThisProcess, Duration.ofMillis(10), () -> 42L);

        sampler.onPhase(Phase.MEASURE);
        Thread worker = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 200; i++) {
                LockSupport.parkNanos(100_000); // each park gives up the CPU: a voluntary switch
            }
        });
        worker.join(); // gone before the end: /proc/<pid>/task would have forgotten it
        sampler.onPhase(Phase.DONE);

        ServerSampler.Interval interval = sampler.result();
        assertThat(interval).isNotNull();
        assertThat(interval.usageProblem()).isNull();
        ResourceUsage used = interval.usageEnd().minus(interval.usageStart());
        assertThat(used.voluntaryCtxSwitches()).isGreaterThanOrEqualTo(100);
        assertThat(interval.startEpochMs()).isEqualTo(42L);
        assertThat(interval.endEpochMs()).isEqualTo(42L);
    }

    @Test
    void thePeaksIncludeThreadsSeenOnlyBetweenTheEnds() throws Exception {
        ServerSampler sampler =
                new ServerSampler(ProcFs.system(), SELF, ResourceUsage::ofThisProcess, Duration.ofMillis(10), () -> 0L);
        int before = ProcFs.system().sample(SELF).threads();

        sampler.onPhase(Phase.MEASURE);
        int extra = 50;
        CountDownLatch exit = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < extra; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    exit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        // Wait (with a deadline, not a nap) until two periodic readings have seen the threads.
        int readings = sampler.readings();
        long deadlineNs = System.nanoTime() + 30_000_000_000L;
        while (sampler.readings() < readings + 2) {
            assertThat(System.nanoTime()).as("no periodic reading").isLessThan(deadlineNs);
            Thread.sleep(5);
        }
        exit.countDown();
        for (Thread t : threads) {
            t.join();
        }
        sampler.onPhase(Phase.DONE);

        // The JVM may end a few threads of its own meanwhile (compiler threads come and go).
        assertThat(sampler.result().peakThreads()).isGreaterThanOrEqualTo(before + extra - 10);
        assertThat(sampler.result().peakRssBytes()).isGreaterThan(1024 * 1024);
    }

    @Test
    void aServerThatDoesNotAnswerLosesItsUsageOnlyAndIsNotAskedTwice() {
        AtomicInteger asked = new AtomicInteger();
        ServerSampler sampler = new ServerSampler(
                ProcFs.system(),
                SELF,
                () -> {
                    asked.incrementAndGet();
                    throw new IOException("the server did not answer USAGE within 10000 ms");
                },
                Duration.ofMillis(10),
                () -> 0L);

        sampler.onPhase(Phase.MEASURE);
        sampler.onPhase(Phase.DONE);

        ServerSampler.Interval interval = sampler.result();
        assertThat(interval).isNotNull();
        assertThat(interval.usageStart()).isNull();
        assertThat(interval.usageEnd()).isNull();
        assertThat(interval.usageProblem())
                .isEqualTo("no resource usage from the server at PHASE measure:"
                        + " the server did not answer USAGE within 10000 ms");
        assertThat(interval.peakThreads()).isPositive();
        assertThat(asked).as("a difference needs both ends: no second question").hasValue(1);
    }

    @Test
    void withoutMarkersThereIsNoIntervalAndItSaysWhy() {
        ServerSampler sampler =
                new ServerSampler(ProcFs.system(), SELF, ResourceUsage::ofThisProcess, Duration.ofMillis(10), () -> 0L);
        sampler.onPhase(Phase.WARMUP);

        assertThat(sampler.result()).isNull();
        assertThat(sampler.problem()).contains("no PHASE measure/done markers");
    }

    @Test
    void aProcessThatIsGoneIsAProblemNotACrash() {
        ServerSampler sampler = new ServerSampler(
                ProcFs.system(), Long.MAX_VALUE / 2, ResourceUsage::ofThisProcess, Duration.ofMillis(10), () -> 0L);
        sampler.onPhase(Phase.MEASURE);
        sampler.onPhase(Phase.DONE);

        assertThat(sampler.result()).isNull();
        assertThat(sampler.problem()).startsWith("cannot read the server's /proc entry at PHASE measure");
    }
}
