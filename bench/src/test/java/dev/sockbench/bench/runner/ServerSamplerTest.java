package dev.sockbench.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.proc.ProcFs;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The sampler on this very process: a thread that blocks often, then exits before the interval ends. */
class ServerSamplerTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void aThreadThatExitsBeforeTheEndStillCountsItsSwitchesAndThePeaks() throws Exception {
        ServerSampler sampler = new ServerSampler(ProcFs.system(), SELF, Duration.ofMillis(10), () -> 42L);
        CountDownLatch parked = new CountDownLatch(200);
        CountDownLatch exit = new CountDownLatch(1);
        Thread worker = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 200; i++) {
                LockSupport.parkNanos(100_000); // each park gives up the CPU: a voluntary switch
                parked.countDown();
            }
            try {
                exit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int threadsWithWorker = ProcFs.system().sample(SELF).threads();

        sampler.onPhase("measure");
        parked.await();
        // Let the periodic readings see the worker's switches (a condition with a deadline, not a nap).
        waitForPeriodicReadings(sampler, worker);
        exit.countDown();
        worker.join();
        sampler.onPhase("done");

        ServerSampler.Interval interval = sampler.result();
        assertThat(interval).isNotNull();
        assertThat(interval.switches().voluntary()).isGreaterThanOrEqualTo(100);
        assertThat(interval.peakThreads()).isGreaterThanOrEqualTo(threadsWithWorker);
        assertThat(interval.peakRssBytes())
                .isGreaterThanOrEqualTo(interval.end().rssBytes());
        assertThat(interval.startEpochMs()).isEqualTo(42L);
    }

    private static void waitForPeriodicReadings(ServerSampler sampler, Thread worker) throws InterruptedException {
        long tid = worker.threadId();
        long deadlineNs = System.nanoTime() + 30_000_000_000L;
        // The JVM's thread id is not the kernel's; wait until two readings after the parking have been taken.
        int before = sampler.readings();
        while (sampler.readings() < before + 2) {
            assertThat(System.nanoTime())
                    .as("no periodic reading (thread %d)", tid)
                    .isLessThan(deadlineNs);
            Thread.sleep(5);
        }
    }

    @Test
    void withoutMarkersThereIsNoIntervalAndItSaysWhy() {
        ServerSampler sampler = new ServerSampler(ProcFs.system(), SELF, Duration.ofMillis(10), () -> 0L);
        sampler.onPhase("warmup");

        assertThat(sampler.result()).isNull();
        assertThat(sampler.problem()).contains("no PHASE measure/done markers");
    }

    @Test
    void aProcessThatIsGoneIsAProblemNotACrash() {
        ServerSampler sampler = new ServerSampler(ProcFs.system(), Long.MAX_VALUE / 2, Duration.ofMillis(10), () -> 0L);
        sampler.onPhase("measure");
        sampler.onPhase("done");

        assertThat(sampler.result()).isNull();
        assertThat(sampler.problem()).startsWith("cannot read the server's /proc entry at PHASE measure");
    }
}
