package dev.sockbench.core.cli;

/**
 * Input the user can fix: an unknown id, a malformed value, a port in use. The CLI prints the
 * message as one line and exits with {@link Cli#EXIT_BAD_INPUT}; no stack trace. The message
 * names the problem and, where there is a closed set, the accepted values.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
