package dev.sockbench.core;

import java.util.List;

/**
 * The flags every sockbench JVM runs with: the CLI (run.sh), the server and load generator
 * processes the suite runner starts, and the tests (the parent pom's {@code sockbench.jvm.flags},
 * which must stay equal to {@link #ALL}).
 */
public final class JvmFlags {
    /**
     * Netty and junixsocket use {@code sun.misc.Unsafe} and native code; without these two flags
     * they work on JDK 25 but print warnings. The export lets {@code nio-poll} open the JDK's poll
     * selector beside the default epoll one.
     */
    public static final List<String> ALL = List.of(
            "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");

    private JvmFlags() {}
}
