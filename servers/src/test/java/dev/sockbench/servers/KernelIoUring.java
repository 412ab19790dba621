package dev.sockbench.servers;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Whether this kernel lets this process set up an io_uring, asked of the kernel itself with the
 * {@code io_uring_setup(2)} system call (through the FFM API, not through Netty): the independent
 * answer the tests hold {@code netty-iouring}'s availability to. Kernels from 5.1 have the call; a
 * kernel can still refuse it ({@code kernel.io_uring_disabled}, a seccomp filter such as a
 * container's), and then the cell must be {@code unavailable}, never a crash.
 */
public final class KernelIoUring {
    /** {@code __NR_io_uring_setup}: the same number on x86-64 and arm64. */
    private static final long SYS_IO_URING_SETUP = 425;

    /** {@code sizeof(struct io_uring_params)}; zeroed, it asks for a default ring. */
    private static final long PARAMS_BYTES = 120;

    private static final Answer ANSWER = ask();

    /** True when a ring was created (and closed again); otherwise the error number. */
    private record Answer(boolean permitted, int errno) {}

    private KernelIoUring() {}

    /** True when {@code io_uring_setup(2)} succeeds in this process. */
    public static boolean permitted() {
        return ANSWER.permitted();
    }

    /** What the kernel said, for assertion messages. */
    public static String describe() {
        return ANSWER.permitted()
                ? "io_uring_setup(2) succeeds here"
                : "io_uring_setup(2) fails here with errno " + ANSWER.errno();
    }

    private static Answer ask() {
        Linker linker = Linker.nativeLinker();
        StructLayout state = Linker.Option.captureStateLayout();
        VarHandle errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        MethodHandle syscall = linker.downcallHandle(
                linker.defaultLookup().find("syscall").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS),
                Linker.Option.firstVariadicArg(1),
                Linker.Option.captureCallState("errno"));
        MethodHandle close = linker.downcallHandle(
                linker.defaultLookup().find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callState = arena.allocate(state);
            MemorySegment params = arena.allocate(PARAMS_BYTES); // zeroed
            long fd = (long) syscall.invokeExact(callState, SYS_IO_URING_SETUP, 8L, params);
            if (fd < 0) {
                return new Answer(false, (int) errno.get(callState, 0L));
            }
            int closed = (int) close.invokeExact((int) fd);
            return new Answer(closed == 0, 0);
        } catch (Throwable e) {
            throw new AssertionError("cannot ask the kernel for an io_uring", e);
        }
    }
}
