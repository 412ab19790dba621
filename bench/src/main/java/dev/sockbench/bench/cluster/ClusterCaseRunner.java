package dev.sockbench.bench.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.sockbench.bench.cluster.ClusterMerge.Merged;
import dev.sockbench.bench.cluster.ClusterMerge.Part;
import dev.sockbench.bench.cluster.Wire.PartEnd;
import dev.sockbench.bench.cluster.Wire.Reply;
import dev.sockbench.bench.cluster.Wire.ServerEnd;
import dev.sockbench.bench.cluster.Wire.Signal;
import dev.sockbench.bench.cluster.Wire.Task;
import dev.sockbench.bench.process.CaseFailedException;
import dev.sockbench.bench.runner.CaseExecutor;
import dev.sockbench.bench.runner.CaseOutcome;
import dev.sockbench.bench.runner.CaseRunner;
import dev.sockbench.bench.suite.SuiteCase;
import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.ClusterRun;
import dev.sockbench.core.result.Environment;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.loadgen.options.LoadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a case across a cluster's agents, as the controller: the server on the placement's server
 * agent, the load split over its load agents ({@link Placement#split}), handed out through
 * Hazelcast's executor service as signed tasks; one start signal on a topic starts every part at
 * once, so their measured intervals coincide (each generator times on its own clock). The parts'
 * reports and interval logs are merged exactly ({@link ClusterMerge}) into the case's summary,
 * with every host and each part's own figures in its {@code cluster} block; each part's log and
 * interval log stay in {@code agents/<agent>/}.
 *
 * <p>Faults: a load agent that leaves the cluster mid-case (a membership event) or does not answer
 * in time costs its part, and the case is invalid saying so ("agent H1 left"); a lost server host
 * fails the case; the run goes on either way. Every wait has a deadline. The controller is a lite
 * member: it holds no data and runs no task.
 */
public final class ClusterCaseRunner implements CaseExecutor, MembershipListener, AutoCloseable {
    /** Where each agent's files of a case go, inside the case's folder. */
    public static final String AGENTS_DIR = "agents";

    /**
     * How long the cluster's steps may take.
     *
     * @param serverDeadline how long the server's agent may take to start it (and to stop it)
     * @param prepareDeadline how long a load agent may take to accept its part
     * @param answerMargin how long past the load's expected end a part may take to come back
     * @param pollPeriod how often a wait looks whether an agent left
     */
    public record Settings(
            Duration serverDeadline, Duration prepareDeadline, Duration answerMargin, Duration pollPeriod) {
        public static Settings defaults() {
            return new Settings(
                    Duration.ofSeconds(90), Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofMillis(200));
        }
    }

    private final HazelcastInstance member;
    private final ClusterKey key;
    private final Placement placement;
    private final Settings settings;
    private final String runToken = UUID.randomUUID().toString().substring(0, 8);
    private final Set<UUID> gone = ConcurrentHashMap.newKeySet();
    private volatile String currentCase;

    ClusterCaseRunner(HazelcastInstance member, ClusterKey key, Placement placement, Settings settings) {
        this.member = member;
        this.key = key;
        this.placement = placement;
        this.settings = settings;
        member.getCluster().addMembershipListener(this);
    }

    /** Joins the cluster as a lite member, to run cases with {@code placement}. */
    public static ClusterCaseRunner join(
            ClusterOptions options, ClusterKey key, Placement placement, Settings settings) {
        ClusterOptions.quietLogging();
        HazelcastInstance member = Hazelcast.newHazelcastInstance(options.memberConfig("controller", true));
        return new ClusterCaseRunner(member, key, placement, settings);
    }

    /**
     * Waits until every agent the placement names has joined.
     *
     * @throws BadInputException naming the ones still missing at the deadline
     */
    public void awaitAgents(Duration deadline) throws InterruptedException {
        long endNs = System.nanoTime() + deadline.toNanos();
        while (true) {
            List<String> missing = new ArrayList<>();
            for (String name : names()) {
                if (find(name) == null) {
                    missing.add(name);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > endNs) {
                throw new BadInputException(
                        "agents not in cluster '" + member.getConfig().getClusterName() + "' after "
                                + deadline.toSeconds() + " s: " + String.join(", ", missing) + " (its agents: "
                                + String.join(", ", agents()) + ")");
            }
            Thread.sleep(settings.pollPeriod().toMillis()); // membership has no wait-for-member call
        }
    }

    @Override
    public CaseOutcome run(SuiteCase c, Path caseDir) {
        List<String> warnings = new ArrayList<>();
        try {
            Files.createDirectories(caseDir);
            return CaseRunner.measured(c, measure(c, caseDir, warnings), warnings);
        } catch (CaseFailedException e) {
            return CaseRunner.failed(c, e.getMessage(), warnings);
        } catch (IOException e) {
            return CaseRunner.failed(c, "cannot write the case's files: " + e.getMessage(), warnings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CaseRunner.failed(c, "interrupted", warnings);
        }
    }

    private CaseSummary measure(SuiteCase c, Path caseDir, List<String> warnings)
            throws CaseFailedException, IOException, InterruptedException {
        String token = runToken + "-" + c.caseId().replaceAll("[^A-Za-z0-9._-]", "_");
        List<LoadOptions> shares = placement.split(c.load().options(), c.transport());
        Member server = agent(placement.server());
        List<Member> loads = new ArrayList<>();
        for (String name : placement.load()) {
            loads.add(agent(name));
        }
        String controller = member.getLocalEndpoint().getUuid().toString();
        currentCase = token;
        boolean ended = false;
        try {
            Reply started = await(
                    submit(
                            server,
                            Task.serverStart(
                                    token,
                                    controller,
                                    c.model(),
                                    c.transport().id(),
                                    c.load().serverArgs(),
                                    shares.size())),
                    server,
                    settings.serverDeadline(),
                    server);
            if (started.error() != null) {
                throw new CaseFailedException("server agent " + placement.server() + ": " + started.error());
            }
            Endpoint endpoint = Endpoint.parse(started.endpoint());

            List<Future<byte[]>> prepared = new ArrayList<>();
            for (int i = 0; i < loads.size(); i++) {
                prepared.add(submit(
                        loads.get(i),
                        Task.loadPrepare(
                                token,
                                controller,
                                c.transport().id(),
                                shares.get(i).toArgs(),
                                endpoint.toString())));
            }
            for (int i = 0; i < loads.size(); i++) {
                Reply r = await(prepared.get(i), loads.get(i), settings.prepareDeadline(), server);
                if (r.error() != null) {
                    throw new CaseFailedException(
                            "load agent " + placement.load().get(i) + ": " + r.error());
                }
            }

            // The one start signal: every part starts on it.
            member.<byte[]>getTopic(Wire.SIGNALS)
                    .publish(Wire.sealed(key, Wire.json(new Signal(token, "start", null))));

            long waitMs = c.loadNs() / 1_000_000 + settings.answerMargin().toMillis();
            List<Future<byte[]>> collected = new ArrayList<>();
            for (Member load : loads) {
                collected.add(submit(load, Task.loadCollect(token, controller, waitMs)));
            }
            List<Part> parts = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            Duration collectDeadline = Duration.ofMillis(waitMs).plus(settings.prepareDeadline());
            for (int i = 0; i < loads.size(); i++) {
                String name = placement.load().get(i);
                Reply r;
                try {
                    r = await(collected.get(i), loads.get(i), collectDeadline, server);
                } catch (AgentLost e) {
                    missing.add(e.getMessage());
                    continue;
                }
                Path agentDir =
                        Files.createDirectories(caseDir.resolve(AGENTS_DIR).resolve(safe(name)));
                PartEnd end = r.part();
                if (end != null && end.log() != null) {
                    ResultFiles.writeAtomically(
                            agentDir.resolve(CaseRunner.LOADGEN_LOG), end.log().getBytes(StandardCharsets.UTF_8));
                }
                if (r.error() != null || end == null || end.report() == null) {
                    missing.add("agent " + name + ": "
                            + (r.error() != null ? r.error() : end == null ? "no part" : end.failure()));
                    continue;
                }
                Path hlog = agentDir.resolve(ResultFiles.LATENCY_LOG_FILE);
                ResultFiles.writeAtomically(hlog, end.hlog());
                parts.add(new Part(name, address(loads.get(i)), end.report(), hlog));
            }
            if (gone.contains(server.getUuid())) {
                throw new CaseFailedException("server host " + placement.server() + " left");
            }
            if (parts.isEmpty()) {
                throw new CaseFailedException("no load part came back: " + String.join("; ", missing));
            }
            Merged merged = ClusterMerge.merge(parts, missing, caseDir.resolve(ResultFiles.LATENCY_LOG_FILE));

            Reply stopped = await(
                    submit(server, Task.serverStop(token, controller, merged.report())),
                    server,
                    settings.serverDeadline(),
                    server);
            ended = true;
            if (stopped.error() != null) {
                throw new CaseFailedException("server agent " + placement.server() + ": " + stopped.error());
            }
            ServerEnd se = stopped.server();
            ResultFiles.writeAtomically(
                    caseDir.resolve(CaseRunner.SERVER_LOG), se.log().getBytes(StandardCharsets.UTF_8));
            if (se.warnings() != null) {
                warnings.addAll(se.warnings());
            }
            if (se.died() != null) {
                throw new CaseFailedException(se.died());
            }
            CaseSummary summary = CaseSummary.from(merged.report())
                    .caseId(c.caseId())
                    .model(c.model())
                    .server(se.cost())
                    .kernel(se.kernel())
                    .cluster(new ClusterRun(placement.server(), endpoint.host(), merged.parts()))
                    .build();
            ResultFiles.writeJson(caseDir.resolve(ResultFiles.SUMMARY_FILE), summary);
            return summary;
        } catch (AgentLost e) {
            throw new CaseFailedException(e.getMessage());
        } finally {
            currentCase = null;
            if (!ended) {
                abort(token);
            }
        }
    }

    /**
     * Every agent of the placement and its host's environment, as it describes itself; an agent
     * that does not answer in time is listed without one.
     */
    public List<Environment.Host> hosts() throws InterruptedException {
        List<Environment.Host> hosts = new ArrayList<>();
        for (String name : names()) {
            Member m = find(name);
            Environment environment = null;
            if (m != null) {
                try {
                    environment = Wire.parse(
                                    submit(m, Task.environment())
                                            .get(settings.prepareDeadline().toMillis(), TimeUnit.MILLISECONDS),
                                    Reply.class)
                            .environment();
                } catch (ExecutionException | TimeoutException e) {
                    // listed without its environment
                }
            }
            hosts.add(new Environment.Host(name, m == null ? null : address(m), environment));
        }
        return hosts;
    }

    /** Stops what runs of the case in progress on the agents (Ctrl-C); best effort, bounded. */
    public void abortCurrent() {
        String token = currentCase;
        if (token != null) {
            abort(token);
        }
    }

    private void abort(String token) {
        List<Future<byte[]>> aborts = new ArrayList<>();
        for (String name : names()) {
            Member m = find(name);
            if (m != null) {
                aborts.add(submit(m, Task.abort(token)));
            }
        }
        for (Future<byte[]> f : aborts) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the agent is gone or busy: its own membership listener stops the case when we leave
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Future<byte[]> submit(Member target, Task task) {
        byte[] body = Wire.json(task);
        IExecutorService executor = member.getExecutorService(Wire.EXECUTOR);
        return executor.submitToMember(new SignedTask(body, key.sign(body)), target);
    }

    /** An agent left or did not answer: the message names it. */
    static final class AgentLost extends Exception {
        AgentLost(String message) {
            super(message);
        }
    }

    /**
     * Waits for an agent's reply, looking every poll period whether it or the case's server host
     * left the cluster. The server's agent is called "server host X" in what this throws, a load
     * agent "agent X".
     *
     * @throws AgentLost "agent X left", "server host X left", or "agent X did not answer within N s"
     */
    private Reply await(Future<byte[]> reply, Member agent, Duration deadline, Member server)
            throws AgentLost, InterruptedException {
        String name =
                (agent.equals(server) ? "server host " : "agent ") + agent.getAttribute(ClusterOptions.AGENT_ATTRIBUTE);
        String serverName = "server host " + server.getAttribute(ClusterOptions.AGENT_ATTRIBUTE);
        long endNs = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                return Wire.parse(reply.get(settings.pollPeriod().toMillis(), TimeUnit.MILLISECONDS), Reply.class);
            } catch (TimeoutException e) {
                if (gone.contains(agent.getUuid())) {
                    reply.cancel(true);
                    throw new AgentLost(name + " left");
                }
                if (gone.contains(server.getUuid())) {
                    reply.cancel(true);
                    throw new AgentLost(serverName + " left");
                }
                if (System.nanoTime() > endNs) {
                    reply.cancel(true);
                    throw new AgentLost(name + " did not answer within " + deadline.toSeconds() + " s");
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof MemberLeftException
                        || cause instanceof TargetNotMemberException
                        || cause instanceof HazelcastInstanceNotActiveException
                        || gone.contains(agent.getUuid())) {
                    throw new AgentLost(name + " left");
                }
                throw new AgentLost(name + ": " + cause);
            }
        }
    }

    private Member agent(String name) throws CaseFailedException {
        Member m = find(name);
        if (m == null) {
            throw new CaseFailedException(
                    "agent " + name + " is not in the cluster (its agents: " + String.join(", ", agents()) + ")");
        }
        return m;
    }

    private Member find(String name) {
        for (Member m : member.getCluster().getMembers()) {
            if (name.equals(m.getAttribute(ClusterOptions.AGENT_ATTRIBUTE))) {
                return m;
            }
        }
        return null;
    }

    private List<String> agents() {
        return member.getCluster().getMembers().stream()
                .map(m -> m.getAttribute(ClusterOptions.AGENT_ATTRIBUTE))
                .filter(a -> a != null && !a.isEmpty())
                .toList();
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(List.of(placement.server()));
        placement.load().stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    private static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public void memberAdded(MembershipEvent event) {}

    @Override
    public void memberRemoved(MembershipEvent event) {
        gone.add(event.getMember().getUuid());
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        member.getLifecycleService().shutdown();
    }
}
