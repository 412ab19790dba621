package dev.sockbench.servers;

import dev.sockbench.core.JvmFlags;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.transport.Endpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@link ServerMain} as a real process, the way the suite runner starts it. */
final class ServerProcess implements AutoCloseable {
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Path stderrFile;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();

    private ServerProcess(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        Thread.ofVirtual().start(this::pumpStdout);
    }

    static ServerProcess start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** As {@link #start(String...)}, with at most {@code openFiles} descriptors ({@code prlimit}, as {@code ulimit -n}). */
    static ServerProcess startWithOpenFileLimit(int openFiles, String... args) throws IOException {
        return start(List.of("prlimit", "--nofile=" + openFiles + ":" + openFiles, "--"), args);
    }

    /** The server's command after {@code prefix} (a command that execs the rest, so the pid is the JVM's). */
    private static ServerProcess start(List<String> prefix, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.ALL);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerMain.class.getName());
        command.addAll(List.of(args));
        Path stderrFile = Files.createTempFile("sockbench-server-", ".err");
        Process process = new ProcessBuilder(command)
                .redirectError(stderrFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new ServerProcess(process, stderrFile);
    }

    private void pumpStdout() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stdoutLines.add(line);
            }
        } catch (IOException ignored) {
            // The process is gone; EOF below says so.
        } finally {
            stdoutLines.add(EOF);
        }
    }

    /**
     * Waits for the {@code LISTENING} line and returns its endpoint.
     *
     * @throws AssertionError when the process prints something else first, exits, or the deadline passes
     */
    Endpoint awaitListening(Duration timeout) throws InterruptedException, IOException {
        String line = stdoutLines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Optional<Endpoint> endpoint =
                line == null || line.equals(EOF) ? Optional.empty() : ProcessLines.parseListening(line);
        if (endpoint.isEmpty()) {
            throw new AssertionError("expected a LISTENING line, got "
                    + (line == null
                            ? "nothing within " + timeout
                            : line.equals(EOF) ? "end of output" : "'" + line + "'")
                    + "; stderr: " + stderr());
        }
        return endpoint.get();
    }

    /** The next stdout line after LISTENING, or null at end of output; waits up to {@code timeout}. */
    String nextStdoutLine(Duration timeout) throws InterruptedException {
        String line = stdoutLines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return EOF.equals(line) ? null : line;
    }

    /** The server JVM's process id. */
    long pid() {
        return process.pid();
    }

    /** Writes {@code line} and a newline to the server's stdin. */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
    }

    /** Closes the server's stdin: it reads end of input. */
    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** Sends SIGTERM and waits for the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy(); // SIGTERM on Linux
        return waitFor(timeout);
    }

    /** Waits for the process to end by itself; returns its exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not exit within " + timeout);
        }
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(stderrFile);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(stderrFile);
    }
}
