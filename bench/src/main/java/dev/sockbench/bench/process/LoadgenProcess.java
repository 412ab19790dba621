package dev.sockbench.bench.process;

import dev.sockbench.core.process.Phase;
import dev.sockbench.core.process.ProcessLines;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A load generator started as its own process, per the {@code LoadgenMain} contract: on stdout
 * it prints {@code PHASE warmup}, {@code PHASE measure} (the measured interval starts) and
 * {@code PHASE done} (it ended), each on its own line (the lines: {@link ProcessLines}); progress
 * goes to stderr about once a second. Both streams go to one log file.
 */
public final class LoadgenProcess {
    /** Called on the stdout reader thread as each phase marker arrives. */
    @FunctionalInterface
    public interface PhaseListener {
        void onPhase(Phase phase);
    }

    private final Process process;
    private final OutputLog stdout;
    private final OutputLog stderr;
    private final ChildProcesses children;
    private final LongSupplier nanoClock;

    private LoadgenProcess(
            Process process, OutputLog stdout, OutputLog stderr, ChildProcesses children, LongSupplier nanoClock) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.children = children;
        this.nanoClock = nanoClock;
    }

    /**
     * Starts {@code command}.
     *
     * @param log the file both output streams go to
     * @param nanoClock the clock silence is measured on
     */
    public static LoadgenProcess start(
            List<String> command, Path log, PhaseListener phases, ChildProcesses children, LongSupplier nanoClock)
            throws CaseFailedException {
        Process process;
        try {
            process = children.start(new ProcessBuilder(command)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())));
        } catch (IOException e) {
            throw new CaseFailedException("cannot start the load generator: " + e.getMessage());
        }
        OutputLog out = OutputLog.start(
                "loadgen-stdout-" + process.pid(),
                process.getInputStream(),
                log,
                // A malformed phase line throws: the log notes it under the line, and the phase is missed.
                line -> ProcessLines.parsePhase(line).ifPresent(phases::onPhase),
                nanoClock);
        OutputLog err = OutputLog.start(
                "loadgen-stderr-" + process.pid(), process.getErrorStream(), log, line -> {}, nanoClock);
        return new LoadgenProcess(process, out, err, children, nanoClock);
    }

    /**
     * Waits for the load generator to exit, and for its output to be read to the end.
     *
     * @param silenceLimit how long it may print nothing before it counts as hung and is killed
     * @return its exit code
     * @throws CaseFailedException when it hung (it has been killed) or the wait was interrupted
     */
    public int awaitExit(Duration silenceLimit) throws CaseFailedException {
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                long lastNs = Math.max(stdout.lastLineNs(), stderr.lastLineNs());
                if (nanoClock.getAsLong() - lastNs > silenceLimit.toNanos()) {
                    kill();
                    throw new CaseFailedException("load generator printed nothing for " + silenceLimit.toSeconds()
                            + " s and was killed; last output: " + lastLine());
                }
            }
            // Its output may still be in the pipe: read it all before the caller looks at phases.
            stdout.awaitEnd(10, TimeUnit.SECONDS);
            stderr.awaitEnd(10, TimeUnit.SECONDS);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new CaseFailedException("interrupted while the load generator ran");
        } finally {
            children.forget(process);
        }
    }

    /** The last non-blank line on stderr (where reasons go), else on stdout. */
    public String lastLine() {
        return stderr.lastLine(stdout.lastLine("(no output)"));
    }

    /** The load generator's stderr tail, oldest first. */
    public List<String> stderrTail() {
        return stderr.tail();
    }

    /** Kills the generator at once (a case aborted from elsewhere, e.g. its controller left). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
