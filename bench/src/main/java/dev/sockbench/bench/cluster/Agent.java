package dev.sockbench.bench.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.sockbench.bench.cluster.Wire.PartEnd;
import dev.sockbench.bench.cluster.Wire.Reply;
import dev.sockbench.bench.cluster.Wire.ServerEnd;
import dev.sockbench.bench.cluster.Wire.Signal;
import dev.sockbench.bench.cluster.Wire.Task;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.metrics.ServerSampler;
import dev.sockbench.bench.process.CaseFailedException;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.process.LoadgenProcess;
import dev.sockbench.bench.process.ServerProcess;
import dev.sockbench.bench.runner.CaseRunner;
import dev.sockbench.bench.runner.SuiteRunner;
import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Identified;
import dev.sockbench.core.process.Phase;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.KernelCounters;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.options.LoadOptions;
import dev.sockbench.servers.ServerModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The work of a {@code sockbench agent}: on signed tasks from the controller it runs a case's
 * server or a part of its load as processes of their own, exactly as the local runner does (the
 * commands, pinning and cost sampling are {@link CaseRunner}'s), and reports what they measured.
 *
 * <p>Every task is checked before it is read: its signature under the cluster's key, then each
 * field (a known model and transport, load options the generator accepts, an endpoint). An agent
 * runs sockbench's own server and generator only; nothing from the wire becomes a command line but
 * through these checks. A case's processes are stopped when the controller that started it leaves
 * the cluster. Thread-safe: tasks arrive on Hazelcast's executor threads, signals on its event
 * threads.
 */
public final class Agent implements MembershipListener, AutoCloseable {
    /** Where the member's user context keeps the agent, for {@link SignedTask}. */
    static final String CONTEXT_KEY = "sockbench.agent";

    /** The largest log shipped back whole; a longer one is cut to its end. */
    static final int MAX_LOG_CHARS = 1 << 20;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final String name;
    private final String address;
    private final ClusterKey key;
    private final CaseRunner runner;
    private final ChildProcesses children;
    private final ProcFs proc;
    private final Path workDir;
    private final Supplier<Environment> environment;
    private final Map<String, ServerCase> servers = new ConcurrentHashMap<>();
    private final Map<String, LoadPart> loads = new ConcurrentHashMap<>();
    private volatile ITopic<byte[]> signals;

    /**
     * @param name what placements call this agent
     * @param address the interface it binds; its servers listen there
     * @param runner builds the processes' commands and holds their deadlines
     * @param workDir where the cases' files are kept while they run
     * @param environment describes this host (for the run's record of every host)
     */
    public Agent(
            String name,
            String address,
            ClusterKey key,
            CaseRunner runner,
            ChildProcesses children,
            ProcFs proc,
            Path workDir,
            Supplier<Environment> environment) {
        this.name = name;
        this.address = address;
        this.key = key;
        this.runner = runner;
        this.children = children;
        this.proc = proc;
        this.workDir = workDir;
        this.environment = environment;
    }

    /** Joins {@code member}: listens to its signals and membership. */
    public void attach(HazelcastInstance member) {
        ITopic<byte[]> topic = member.getTopic(Wire.SIGNALS);
        topic.addMessageListener(m -> onSignal(m.getMessageObject()));
        member.getCluster().addMembershipListener(this);
        signals = topic;
    }

    public String name() {
        return name;
    }

    /** Runs one signed task; the reply, as JSON. Never throws: a refusal or failure is a reply. */
    byte[] handle(byte[] body, byte[] signature) {
        if (!key.verify(body, signature)) {
            return Wire.json(Reply.failed(name, "refused: the task is not signed with this cluster's key"));
        }
        try {
            Task task = Wire.parse(body, Task.class);
            if (task.kind() == null
                    || task.caseToken() == null
                    || !TOKEN.matcher(task.caseToken()).matches()) {
                throw new BadInputException("refused: a task needs a kind and a case token of letters, digits, ._-");
            }
            Reply reply =
                    switch (task.kind()) {
                        case SERVER_START -> startServer(task);
                        case SERVER_STOP -> stopServer(task);
                        case LOAD_PREPARE -> prepareLoad(task);
                        case LOAD_COLLECT -> collectLoad(task);
                        case ABORT -> abort(task.caseToken());
                        case ENVIRONMENT -> new Reply(name, null, null, null, null, environment.get());
                    };
            return Wire.json(reply);
        } catch (CaseFailedException | BadInputException | IllegalArgumentException e) {
            return Wire.json(Reply.failed(name, e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            return Wire.json(Reply.failed(name, "agent " + name + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Wire.json(Reply.failed(name, "agent " + name + " was interrupted"));
        }
    }

    private Reply startServer(Task task) throws CaseFailedException, IOException {
        if (ServerModels.find(task.model()).isEmpty()) {
            throw new BadInputException("refused: unknown model '" + task.model() + "'");
        }
        Transport transport = Transport.fromId(task.transport());
        if (transport.unixDomain()) {
            throw new BadInputException("refused: a " + transport.id() + " server cannot be reached from other hosts");
        }
        int parts = task.parts() == null ? 1 : task.parts();
        List<String> args = new ArrayList<>(serverArgs(task.serverArgs()));
        args.addAll(List.of("--bind", address));
        Path dir = caseDir(task.caseToken(), "server");
        List<String> command = runner.serverCommand(task.model(), transport.id(), args, dir);
        ServerProcess server = ServerProcess.start(
                command, dir.resolve(CaseRunner.SERVER_LOG), runner.settings().readyDeadline(), children);
        try {
            ServerCase sc = new ServerCase(
                    task.controller(),
                    dir,
                    server,
                    runner.sampler(server),
                    runner.idleRssBytes(server),
                    parts,
                    kernelCounters());
            if (servers.putIfAbsent(task.caseToken(), sc) != null) {
                throw new BadInputException("refused: case " + task.caseToken() + " already has a server here");
            }
            return new Reply(name, null, server.endpoint().toString(), null, null, null);
        } catch (CaseFailedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The server's options a task may carry, checked and written again: {@code --framing} and {@code --threads}. */
    static List<String> serverArgs(List<String> given) {
        List<String> args = new ArrayList<>();
        List<String> list = given == null ? List.of() : given;
        if (list.size() % 2 != 0) {
            throw new BadInputException("refused: server options come in pairs, got " + list);
        }
        for (int i = 0; i < list.size(); i += 2) {
            String option = list.get(i);
            String value = list.get(i + 1);
            switch (option) {
                case "--framing" ->
                    args.addAll(List.of(
                            option,
                            Identified.byId(Framing.class, "framing", value).id()));
                case "--threads" -> {
                    int threads;
                    try {
                        threads = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        threads = 0;
                    }
                    if (threads < 1 || threads > 4_096) {
                        throw new BadInputException("refused: --threads must be 1 to 4096, got '" + value + "'");
                    }
                    args.addAll(List.of(option, Integer.toString(threads)));
                }
                default ->
                    throw new BadInputException("refused: server option '" + option + "' is not one a task may set");
            }
        }
        return args;
    }

    private Reply stopServer(Task task) throws IOException {
        ServerCase sc = servers.remove(task.caseToken());
        if (sc == null) {
            throw new BadInputException("no server of case " + task.caseToken() + " runs here");
        }
        sc.endInterval();
        KernelCounters after = kernelCounters();
        List<String> warnings = new ArrayList<>();
        boolean died = !sc.server.alive();
        String diedReason = died
                ? "server exited during the case (code " + sc.server.exitCode() + "): " + sc.server.lastLine()
                : null;
        String stopProblem = sc.server.stop(runner.settings().stopDeadline());
        if (!died && stopProblem != null) {
            warnings.add(stopProblem);
        }
        LoadReport merged = task.merged();
        ServerCost cost = died || merged == null
                ? null
                : CaseRunner.serverCost(sc.server, sc.sampler, sc.idleRssBytes, merged, sc.dir, warnings);
        KernelCounters kernel = sc.kernelBefore == null || after == null ? null : after.minus(sc.kernelBefore);
        String log = readLog(sc.dir.resolve(CaseRunner.SERVER_LOG));
        SuiteRunner.deleteLeftovers(sc.dir);
        return new Reply(name, null, null, new ServerEnd(cost, kernel, diedReason, warnings, log), null, null);
    }

    private Reply prepareLoad(Task task) throws IOException {
        Transport transport = Transport.fromId(task.transport());
        LoadOptions options = LoadOptions.parse(task.load() == null ? List.of() : task.load());
        options.resolve(transport); // the generator's own checks, before anything starts
        Endpoint target = Endpoint.parse(task.target());
        if (target.transport() != transport) {
            throw new BadInputException("refused: target " + target + " is not a " + transport.id() + " endpoint");
        }
        LoadPart part = new LoadPart(task.controller(), caseDir(task.caseToken(), "load"), options, target);
        if (loads.putIfAbsent(task.caseToken(), part) != null) {
            throw new BadInputException("refused: case " + task.caseToken() + " already has a load part here");
        }
        return new Reply(name, null, null, null, null, null);
    }

    private Reply collectLoad(Task task) throws InterruptedException, IOException {
        LoadPart part = loads.get(task.caseToken());
        if (part == null) {
            throw new BadInputException("no load part of case " + task.caseToken() + " is prepared here");
        }
        long waitMs = task.waitMs() == null ? 0 : task.waitMs();
        PartEnd end;
        try {
            end = part.end.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            end = new PartEnd(
                    null,
                    part.started()
                            ? "its load generator did not end within " + waitMs / 1000 + " s"
                            : "no start signal came within " + waitMs / 1000 + " s",
                    null,
                    null);
            part.kill();
        } catch (ExecutionException e) {
            end = new PartEnd(null, String.valueOf(e.getCause()), null, null);
        }
        loads.remove(task.caseToken());
        SuiteRunner.deleteLeftovers(part.dir);
        return new Reply(name, null, null, null, end, null);
    }

    private Reply abort(String caseToken) throws IOException {
        ServerCase sc = servers.remove(caseToken);
        if (sc != null) {
            sc.server.close();
            SuiteRunner.deleteLeftovers(sc.dir);
        }
        LoadPart part = loads.remove(caseToken);
        if (part != null) {
            part.kill();
            SuiteRunner.deleteLeftovers(part.dir);
        }
        return new Reply(name, null, null, null, null, null);
    }

    /** A signal from the topic: the start of a case's load, or a generator's phase for the server's sampler. */
    void onSignal(byte[] message) {
        byte[] body = Wire.opened(key, message);
        if (body == null) {
            System.err.println("sockbench agent " + name + ": ignored a signal not signed with the cluster's key");
            return;
        }
        Signal signal;
        try {
            signal = Wire.parse(body, Signal.class);
        } catch (IllegalArgumentException e) {
            System.err.println("sockbench agent " + name + ": ignored an unreadable signal");
            return;
        }
        if ("start".equals(signal.what())) {
            LoadPart part = loads.get(signal.caseToken());
            if (part != null) {
                part.start(signal.caseToken());
            }
            return;
        }
        ServerCase sc = servers.get(signal.caseToken());
        if (sc != null) {
            for (Phase phase : Phase.values()) {
                if (phase.id().equals(signal.what())) {
                    sc.phase(phase);
                }
            }
        }
    }

    private void publish(Signal signal) {
        ITopic<byte[]> topic = signals;
        if (topic != null) {
            topic.publish(Wire.sealed(key, Wire.json(signal)));
        }
    }

    /** A member left: the cases its controller started here stop. */
    @Override
    public void memberRemoved(MembershipEvent event) {
        String gone = event.getMember().getUuid().toString();
        List<String> orphaned = new ArrayList<>();
        servers.forEach((token, sc) -> {
            if (gone.equals(sc.controller)) {
                orphaned.add(token);
            }
        });
        loads.forEach((token, part) -> {
            if (gone.equals(part.controller)) {
                orphaned.add(token);
            }
        });
        for (String token : orphaned) {
            System.err.println("sockbench agent " + name + ": the controller of case " + token + " left; stopping it");
            try {
                abort(token);
            } catch (IOException e) {
                System.err.println("sockbench agent " + name + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void memberAdded(MembershipEvent event) {}

    /** Stops every process of this agent's. */
    @Override
    public void close() {
        children.stopAll();
    }

    private Path caseDir(String token, String role) throws IOException {
        return Files.createDirectories(workDir.resolve(token + "-" + role));
    }

    private KernelCounters kernelCounters() {
        try {
            return proc.kernelCounters();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String readLog(Path file) {
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            return text.length() <= MAX_LOG_CHARS ? text : text.substring(text.length() - MAX_LOG_CHARS);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")\n";
        }
    }

    /** A case's server here, and the phases of its load parts that open and close its measured interval. */
    private static final class ServerCase {
        final String controller;
        final Path dir;
        final ServerProcess server;
        final ServerSampler sampler;
        final long idleRssBytes;
        final int parts;
        final KernelCounters kernelBefore;
        private int measuring; // guarded by this
        private int done; // guarded by this
        private boolean ended; // guarded by this

        ServerCase(
                String controller,
                Path dir,
                ServerProcess server,
                ServerSampler sampler,
                long idleRssBytes,
                int parts,
                KernelCounters kernelBefore) {
            this.controller = controller;
            this.dir = dir;
            this.server = server;
            this.sampler = sampler;
            this.idleRssBytes = idleRssBytes;
            this.parts = parts;
            this.kernelBefore = kernelBefore;
        }

        /** The interval opens with the first part's {@code measure} and closes with the last part's {@code done}. */
        void phase(Phase phase) {
            boolean open;
            boolean close;
            synchronized (this) {
                open = phase == Phase.MEASURE && measuring++ == 0;
                close = phase == Phase.DONE && ++done == parts && !ended;
                ended |= close;
            }
            if (open) {
                sampler.onPhase(Phase.MEASURE);
            }
            if (close) {
                sampler.onPhase(Phase.DONE);
            }
        }

        /** Closes the interval if a part never said {@code done} (its agent left). */
        void endInterval() {
            boolean close;
            synchronized (this) {
                close = measuring > 0 && !ended;
                ended = true;
            }
            if (close) {
                sampler.onPhase(Phase.DONE);
            }
        }
    }

    /** A case's load part here: prepared, started by the start signal, ended with its report. */
    private final class LoadPart {
        final String controller;
        final Path dir;
        final LoadOptions options;
        final Endpoint target;
        final CompletableFuture<PartEnd> end = new CompletableFuture<>();
        private LoadgenProcess loadgen; // guarded by this
        private boolean started; // guarded by this

        LoadPart(String controller, Path dir, LoadOptions options, Endpoint target) {
            this.controller = controller;
            this.dir = dir;
            this.options = options;
            this.target = target;
        }

        synchronized boolean started() {
            return started;
        }

        /** Starts the generator (once); its phases go out as signals, its end completes {@link #end}. */
        synchronized void start(String caseToken) {
            if (started) {
                return;
            }
            started = true;
            Path loadFile = dir.resolve(ResultFiles.LOAD_REPORT_FILE);
            Path log = dir.resolve(CaseRunner.LOADGEN_LOG);
            try {
                loadgen = LoadgenProcess.start(
                        runner.loadgenCommand(target, options, dir),
                        log,
                        phase -> publish(new Signal(caseToken, phase.id(), name)),
                        children,
                        System::nanoTime);
            } catch (CaseFailedException e) {
                end.complete(new PartEnd(null, e.getMessage(), null, readLog(log)));
                return;
            }
            LoadgenProcess process = loadgen;
            Thread.ofVirtual().name("agent-part-" + caseToken).start(() -> {
                try {
                    int exit = process.awaitExit(runner.settings().silenceLimit());
                    LoadReport report = CaseRunner.loadReport(process, exit, loadFile);
                    byte[] hlog = Files.readAllBytes(dir.resolve(ResultFiles.LATENCY_LOG_FILE));
                    end.complete(new PartEnd(report, null, hlog, readLog(log)));
                } catch (CaseFailedException | IOException e) {
                    end.complete(new PartEnd(null, e.getMessage(), null, readLog(log)));
                }
            });
        }

        synchronized void kill() {
            if (loadgen != null) {
                loadgen.kill();
            }
            end.complete(new PartEnd(null, "stopped", null, null));
        }
    }
}
