package dev.sockbench.bench.metrics;

import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.core.process.Phase;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.SyscallCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts a server's system calls during the measured interval: at {@code PHASE measure} it
 * attaches {@code strace -c -f -p PID} to the server (every thread), at {@code PHASE done} it
 * stops strace (SIGTERM: it detaches and writes its table), parses the table and writes {@link
 * SyscallCounts} to the case folder; strace's own table stays beside it as {@link #TABLE}. Where
 * strace is missing or cannot attach, the case runs on and a warning says why.
 */
public final class SyscallCounter {
    public static final String TABLE = "strace.txt";
    private static final String LOG = "strace.log";
    private static final long ATTACH_DEADLINE_NS = TimeUnit.SECONDS.toNanos(10);
    /** {@code % time, seconds, usecs/call, calls, [errors,] syscall}. */
    private static final Pattern ROW =
            Pattern.compile("^\\s*[\\d.]+\\s+[\\d.]+\\s+\\d+\\s+(\\d+)\\s+(?:\\d+\\s+)?([a-z_0-9]+)\\s*$");

    private final long pid;
    private final Path caseDir;
    private final ChildProcesses children;
    private Process strace;
    private long startNs;
    private String problem;

    public SyscallCounter(long pid, Path caseDir, ChildProcesses children) {
        this.pid = pid;
        this.caseDir = caseDir;
        this.children = children;
    }

    /** strace on the PATH, if there is one. */
    public static Optional<Path> strace() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "strace"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** A phase marker arrived (the load generator's output thread). */
    public void onPhase(Phase phase) {
        try {
            if (phase == Phase.MEASURE) {
                attach();
            } else if (phase == Phase.DONE && strace != null) {
                detachAndWrite();
            }
        } catch (IOException e) {
            problem = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
    }

    /** Why nothing was counted, or null when {@link SyscallCounts#FILE} was written. */
    public String problem() {
        if (problem == null && !Files.isRegularFile(caseDir.resolve(SyscallCounts.FILE))) {
            return "the load generator printed no PHASE measure/done markers";
        }
        return problem;
    }

    private void attach() throws IOException, InterruptedException {
        Path exe = strace().orElseThrow(() -> new IOException("strace is not installed"));
        Path log = caseDir.resolve(LOG);
        ProcessBuilder builder = new ProcessBuilder(
                        exe.toString(),
                        "-c",
                        "-f",
                        "-p",
                        Long.toString(pid),
                        "-o",
                        caseDir.resolve(TABLE).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        strace = children.start(builder);
        long deadlineNs = System.nanoTime() + ATTACH_DEADLINE_NS;
        while (!Files.readString(log, StandardCharsets.UTF_8).contains("attached")) {
            if (!strace.isAlive() || System.nanoTime() > deadlineNs) {
                String said = Files.readString(log, StandardCharsets.UTF_8).strip();
                strace.destroy();
                strace = null;
                throw new IOException("strace did not attach to the server: " + said);
            }
            Thread.sleep(10); // polling a condition with a deadline
        }
        startNs = System.nanoTime();
    }

    private void detachAndWrite() throws IOException, InterruptedException {
        strace.destroy();
        double windowSec = (System.nanoTime() - startNs) / 1e9;
        if (!strace.waitFor(30, TimeUnit.SECONDS)) {
            strace.destroyForcibly();
            throw new IOException("strace did not detach within 30 s");
        }
        children.forget(strace);
        Map<String, Long> calls = parse(Files.readAllLines(caseDir.resolve(TABLE), StandardCharsets.UTF_8));
        String version = "strace";
        ResultFiles.writeJson(caseDir.resolve(SyscallCounts.FILE), new SyscallCounts(version, windowSec, calls));
    }

    /** The calls per system call of an {@code strace -c} table; the {@code total} row left out. */
    static Map<String, Long> parse(List<String> table) {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String line : table) {
            Matcher m = ROW.matcher(line);
            if (m.matches() && !m.group(2).equals("total")) {
                calls.put(m.group(2), Long.parseLong(m.group(1)));
            }
        }
        return calls;
    }
}
