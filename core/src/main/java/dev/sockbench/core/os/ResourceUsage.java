package dev.sockbench.core.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * What this process has used so far, from {@code getrusage(RUSAGE_SELF)}: CPU time with
 * microsecond resolution and context switches of <em>all</em> its threads, including threads that
 * have already exited. (Summing {@code /proc/<pid>/task/*}{@code /status} from outside misses the
 * exited ones: a thread-per-connection server loses every closed connection's switches.)
 *
 * <p>A process reads its own usage; the suite runner asks the server for it over stdin (a {@code
 * USAGE} line, see {@link dev.sockbench.core.process.ProcessLines}) at the start and end of the
 * measured interval and subtracts.
 *
 * <pre>{@code
 * ResourceUsage before = ResourceUsage.ofThisProcess();
 * work();
 * ResourceUsage used = ResourceUsage.ofThisProcess().minus(before);
 * }</pre>
 *
 * @param userCpuUs user CPU time, µs
 * @param sysCpuUs system CPU time, µs
 * @param voluntaryCtxSwitches context switches because a thread blocked ({@code ru_nvcsw})
 * @param involuntaryCtxSwitches context switches because a thread was preempted ({@code ru_nivcsw})
 * @param acceptFailures connections the server failed to accept (e.g. out of file descriptors),
 *     counted by the server itself, not by {@code getrusage}: {@link #ofThisProcess()} knows none,
 *     a server adds its count with {@link #withServerCounts}
 * @param malformedRequests connections the server closed on a request that did not decode (a
 *     {@code --handler json|protobuf} body that is no order), counted by the server like {@code
 *     acceptFailures}
 */
public record ResourceUsage(
        long userCpuUs,
        long sysCpuUs,
        long voluntaryCtxSwitches,
        long involuntaryCtxSwitches,
        long acceptFailures,
        long malformedRequests) {

    /** A reading without the server's counts. */
    public ResourceUsage(long userCpuUs, long sysCpuUs, long voluntaryCtxSwitches, long involuntaryCtxSwitches) {
        this(userCpuUs, sysCpuUs, voluntaryCtxSwitches, involuntaryCtxSwitches, 0, 0);
    }

    private static final int RUSAGE_SELF = 0;
    // struct rusage on 64-bit Linux: two struct timeval (2 x 16 bytes), then 14 longs.
    private static final int RUSAGE_BYTES = 32 + 14 * 8;
    private static final long UTIME_OFFSET = 0;
    private static final long STIME_OFFSET = 16;
    private static final long NVCSW_OFFSET = 32 + 12 * 8;
    private static final long NIVCSW_OFFSET = 32 + 13 * 8;

    private static final MethodHandle GETRUSAGE = Linker.nativeLinker()
            .downcallHandle(
                    Linker.nativeLinker().defaultLookup().find("getrusage").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    /** This process's usage since it started. */
    public static ResourceUsage ofThisProcess() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment usage = arena.allocate(RUSAGE_BYTES, 8);
            int rc = (int) GETRUSAGE.invokeExact(RUSAGE_SELF, usage);
            if (rc != 0) {
                throw new IllegalStateException("getrusage failed");
            }
            return new ResourceUsage(
                    timevalUs(usage, UTIME_OFFSET),
                    timevalUs(usage, STIME_OFFSET),
                    usage.get(ValueLayout.JAVA_LONG, NVCSW_OFFSET),
                    usage.get(ValueLayout.JAVA_LONG, NIVCSW_OFFSET));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getrusage failed", t);
        }
    }

    private static long timevalUs(MemorySegment usage, long offset) {
        return usage.get(ValueLayout.JAVA_LONG, offset) * 1_000_000L + usage.get(ValueLayout.JAVA_LONG, offset + 8);
    }

    /** This reading with the server's counts of failed accepts and of malformed requests. */
    public ResourceUsage withServerCounts(long acceptFailures, long malformedRequests) {
        return new ResourceUsage(
                userCpuUs, sysCpuUs, voluntaryCtxSwitches, involuntaryCtxSwitches, acceptFailures, malformedRequests);
    }

    /** The usage between {@code earlier} and this reading. */
    public ResourceUsage minus(ResourceUsage earlier) {
        return new ResourceUsage(
                userCpuUs - earlier.userCpuUs,
                sysCpuUs - earlier.sysCpuUs,
                voluntaryCtxSwitches - earlier.voluntaryCtxSwitches,
                involuntaryCtxSwitches - earlier.involuntaryCtxSwitches,
                acceptFailures - earlier.acceptFailures,
                malformedRequests - earlier.malformedRequests);
    }
}
