package dev.sockbench.bench.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import dev.sockbench.bench.cli.Home;
import dev.sockbench.bench.env.EnvironmentProbe;
import dev.sockbench.bench.env.Pinning;
import dev.sockbench.bench.metrics.ProcFs;
import dev.sockbench.bench.process.ChildProcesses;
import dev.sockbench.bench.process.JavaCommand;
import dev.sockbench.bench.runner.CaseRunner;
import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sockbench agent}: joins a cluster as a member and runs, on the controller's signed tasks,
 * a case's server or a part of its load on this host ({@link Agent}). Prints one line {@code
 * AGENT <name> <address:port>} once it has joined, and runs until SIGTERM or SIGINT, which stop
 * whatever it runs.
 */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = {
            "Joins a sockbench cluster and runs servers and load generators there for `run --cluster`.",
            "",
            "Runs only sockbench's own server and load generator, with options it checks itself, and only for tasks"
                    + " signed with the cluster's key. Cluster traffic uses --interface alone; keep the cluster on a"
                    + " trusted network.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped (SIGTERM, SIGINT)",
            "2:bad usage, an unsafe key file, or the cluster could not be joined"
        })
public final class AgentCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "What placements call this agent (--server-on, --load-on; default: its --interface address).")
    String name;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "Where a case's files stay while it runs (default: a new folder in the temporary folder).")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ClusterKey key = cluster.validate(true);
        String agentName = name != null ? name : cluster.bindAddress();
        if (!agentName.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new BadInputException("--name takes letters, digits and ._:- (at most 100), got '" + agentName + "'");
        }
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("sockbench-agent-");
        ChildProcesses children = new ChildProcesses();
        CaseRunner runner = new CaseRunner(
                CaseRunner.Settings.defaults(JavaCommand.current(), Pinning.detect()),
                ProcFs.system(),
                children,
                System::nanoTime,
                System::currentTimeMillis);
        Pinning pinning = runner.settings().pinning();
        Agent agent = new Agent(
                agentName,
                cluster.bindAddress(),
                key,
                runner,
                children,
                ProcFs.system(),
                dir,
                () -> EnvironmentProbe.system(Home.dir()).capture(pinning));

        ClusterOptions.quietLogging();
        Config config = cluster.memberConfig(agentName, false);
        config.getUserContext().put(Agent.CONTEXT_KEY, agent);
        HazelcastInstance member;
        try {
            member = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            throw new BadInputException(
                    "cannot join cluster '" + cluster.cluster + "' on " + cluster.bindAddress() + ": " + e.getMessage(),
                    e);
        }
        agent.attach(member);
        CountDownLatch stopped = new CountDownLatch(1);
        member.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            agent.close();
                            member.getLifecycleService().terminate();
                        },
                        "sockbench-agent-stop"));
        PrintWriter out = spec.commandLine().getOut();
        var address = member.getCluster().getLocalMember().getAddress();
        out.println("AGENT " + agentName + " " + address.getHost() + ":" + address.getPort() + " cluster "
                + cluster.cluster + ", " + member.getCluster().getMembers().size() + " member(s)");
        out.flush();
        stopped.await();
        return Cli.EXIT_OK;
    }
}
