package dev.sockbench.bench.process;

import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.transport.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server started as its own process, per the {@code ServerMain} contract: it prints one line
 * {@code LISTENING <endpoint>} when ready, answers each {@code USAGE} line on its stdin with one
 * stdout line {@code USAGE <resource usage>}, and stops cleanly on SIGTERM (the lines: {@link
 * ProcessLines}). Its stdout and stderr go, merged, to a log file.
 */
public final class ServerProcess implements AutoCloseable {
    /** One answer to a usage request: the usage, or why the line could not be read. */
    private record UsageAnswer(ResourceUsage usage, String problem) {}

    private final Process process;
    private final OutputLog output;
    private final Endpoint endpoint;
    private final ChildProcesses children;
    private final Path log;
    private final BlockingQueue<UsageAnswer> usageAnswers;
    private int usageAsked;
    private int usageTaken;

    private ServerProcess(
            Process process,
            OutputLog output,
            Endpoint endpoint,
            ChildProcesses children,
            Path log,
            BlockingQueue<UsageAnswer> usageAnswers) {
        this.process = process;
        this.output = output;
        this.endpoint = endpoint;
        this.children = children;
        this.log = log;
        this.usageAnswers = usageAnswers;
    }

    /**
     * Starts {@code command} and waits until it prints {@code LISTENING}.
     *
     * @param log the file its output goes to
     * @param readyDeadline how long it may take to get ready
     * @throws CaseFailedException when it exits, stays silent past the deadline, or prints a
     *     malformed LISTENING line; the process is stopped
     */
    public static ServerProcess start(List<String> command, Path log, Duration readyDeadline, ChildProcesses children)
            throws CaseFailedException {
        Process process;
        try {
            process = children.start(new ProcessBuilder(command).redirectErrorStream(true));
        } catch (IOException e) {
            throw new CaseFailedException("cannot start the server: " + e.getMessage());
        }
        CompletableFuture<Endpoint> listening = new CompletableFuture<>();
        BlockingQueue<UsageAnswer> usageAnswers = new LinkedBlockingQueue<>();
        OutputLog output = OutputLog.start(
                "server-output-" + process.pid(),
                process.getInputStream(),
                log,
                line -> {
                    // A malformed line of the contract ends the wait for it with the reason.
                    try {
                        ProcessLines.parseListening(line).ifPresent(listening::complete);
                    } catch (IllegalArgumentException e) {
                        listening.completeExceptionally(e);
                    }
                    try {
                        ProcessLines.parseUsageReply(line).ifPresent(u -> usageAnswers.add(new UsageAnswer(u, null)));
                    } catch (IllegalArgumentException e) {
                        usageAnswers.add(new UsageAnswer(null, e.getMessage()));
                    }
                },
                System::nanoTime);
        // The stream ends when the process exits; without a LISTENING line by then it never will.
        Thread.ofVirtual().start(() -> {
            try {
                output.awaitEnd(Long.MAX_VALUE, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listening.complete(null);
        });
        Endpoint endpoint;
        try {
            endpoint = listening.get(readyDeadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stop(process, output, Duration.ofSeconds(5), children);
            throw new CaseFailedException("server printed no LISTENING line within " + readyDeadline.toSeconds()
                    + " s; last output: " + output.lastLine("(none)"));
        } catch (ExecutionException e) {
            stop(process, output, Duration.ofSeconds(5), children);
            throw new CaseFailedException(
                    "server printed a malformed LISTENING line: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process, output, Duration.ofSeconds(5), children);
            throw new CaseFailedException("interrupted while the server started");
        }
        if (endpoint == null) {
            int exit = waitExit(process);
            children.forget(process);
            throw new CaseFailedException(
                    "server exited with code " + exit + " before it listened: " + output.lastLine("(no output)"));
        }
        return new ServerProcess(process, output, endpoint, children, log, usageAnswers);
    }

    /** Where the server listens. */
    public Endpoint endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The exit code; only once the process has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /**
     * Asks the server for its resource usage so far (a {@code USAGE} line on its stdin) and waits
     * for the answer. The server answers every {@code USAGE} once, in order, so an answer that
     * comes too late for an earlier question is never taken for this one's.
     *
     * @param deadline how long the answer may take
     * @throws IOException when the server cannot be asked (it is gone), does not answer in time, or
     *     answers something unreadable
     */
    public synchronized ResourceUsage usage(Duration deadline) throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write((ProcessLines.usageRequest() + "\n").getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
        usageAsked++;
        long deadlineNs = System.nanoTime() + deadline.toNanos();
        try {
            while (true) {
                UsageAnswer answer = usageAnswers.poll(deadlineNs - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (answer == null) {
                    throw new IOException("the server did not answer USAGE within " + deadline.toMillis() + " ms");
                }
                if (++usageTaken == usageAsked) {
                    if (answer.problem() != null) {
                        throw new IOException("unreadable USAGE answer: " + answer.problem());
                    }
                    return answer.usage();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the server's USAGE answer");
        }
    }

    /**
     * Appends a line of the runner's own to the server's log, marked {@code [sockbench]}; call it
     * once the server has stopped, so it follows the server's last line.
     */
    public void note(String line) throws IOException {
        Files.writeString(
                log,
                "[sockbench] " + line + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The last non-blank line the server printed. */
    public String lastLine() {
        return output.lastLine("(no output)");
    }

    /**
     * Sends SIGTERM and waits up to {@code deadline} for the server to exit; kills it after that.
     *
     * @return null when it exited with code 0 in time; otherwise what went wrong, one line
     */
    public String stop(Duration deadline) {
        return stop(process, output, deadline, children);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(5));
        }
    }

    private static String stop(Process process, OutputLog output, Duration deadline, ChildProcesses children) {
        String problem = null;
        try {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM
                if (!process.waitFor(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                    problem = "server did not stop within " + deadline.toSeconds() + " s of SIGTERM and was killed";
                }
            } else {
                process.waitFor();
            }
            if (problem == null && process.exitValue() != 0) {
                problem = "server exited with code " + process.exitValue() + ": " + output.lastLine("(no output)");
            }
            output.awaitEnd(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            problem = "interrupted while stopping the server";
        } finally {
            children.forget(process);
        }
        return problem;
    }

    private static int waitExit(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
