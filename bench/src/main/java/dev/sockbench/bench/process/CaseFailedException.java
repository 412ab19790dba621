package dev.sockbench.bench.process;

/**
 * A case could not run to its end: the server did not come up or died, the load generator
 * failed or hung. The message is the one-line reason recorded in {@code run.json}.
 */
public final class CaseFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaseFailedException(String reason) {
        super(reason);
    }
}
