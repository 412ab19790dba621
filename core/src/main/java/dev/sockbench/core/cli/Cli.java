package dev.sockbench.core.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs a picocli command the sockbench way: bad input (picocli's parameter errors and {@link
 * BadInputException}) prints one line, {@code sockbench: <message>}, to stderr and exits 2; any
 * other failure prints its stack trace and exits 1.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(Cli.execute(new ServerCommand(), args));
 * }
 * }</pre>
 */
public final class Cli {
    /** The run completed and its results are valid. */
    public static final int EXIT_OK = 0;
    /** The run completed but a result is invalid, or a run failed. */
    public static final int EXIT_INVALID = 1;
    /** The input was wrong; nothing was run. */
    public static final int EXIT_BAD_INPUT = 2;
    /** The run was interrupted (SIGINT, SIGTERM); what it measured so far is on disk. */
    public static final int EXIT_INTERRUPTED = 130;

    private Cli() {}

    /** A command line configured with sockbench's error handling and converters. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("sockbench: " + oneLine(ex.getMessage()));
            err.flush();
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
                err.println("sockbench: " + oneLine(ex.getMessage()));
                err.flush();
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cl;
    }

    /** Parses and runs {@code command}; returns the exit code. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    private static String oneLine(String message) {
        return message == null ? "bad input" : message.lines().findFirst().orElse("bad input");
    }
}
