package dev.sockbench.bench.process;

import dev.sockbench.core.JvmFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of a sockbench JVM started as its own process: the {@code java} of
 * the running JDK, {@link JvmFlags#ALL}, the same class path, a main class and its arguments,
 * optionally behind a prefix such as {@code taskset -c 1}.
 *
 * @param javaBinary the {@code java} launcher
 * @param classPath the class path the child runs with
 */
public record JavaCommand(Path javaBinary, String classPath) {

    /** The running JDK's {@code java} and this JVM's class path. */
    public static JavaCommand current() {
        return new JavaCommand(
                Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"));
    }

    /**
     * {@code prefix java <JvmFlags.ALL> <jvmOptions> -cp <classPath> <mainClass> <args>}.
     */
    public List<String> build(List<String> prefix, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(javaBinary.toString());
        command.addAll(JvmFlags.ALL);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
