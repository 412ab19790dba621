package dev.sockbench.bench.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.sockbench.core.cli.BadInputException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/**
 * How a process joins a sockbench cluster, the options the agent and {@code run --cluster} share:
 * the cluster's name, its members (TCP/IP join, multicast and auto-detection off), the one
 * interface to bind, and the key every task is signed with. Builds the Hazelcast configuration.
 */
public final class ClusterOptions {
    /** Hazelcast's default member port; the next ones are tried when it is taken. */
    static final int DEFAULT_PORT = 5701;

    /** The member attribute that names an agent. */
    static final String AGENT_ATTRIBUTE = "sockbench.agent";

    @Option(
            names = "--cluster",
            paramLabel = "NAME",
            description = "The cluster's name: agents and the controller of one cluster share it.")
    String cluster;

    @Option(
            names = "--members",
            paramLabel = "HOST[:PORT]",
            split = ",",
            description = "The cluster's members to join, comma-separated (TCP/IP join; multicast is off); port "
                    + DEFAULT_PORT + " by default.")
    List<String> members;

    @Option(
            names = "--interface",
            paramLabel = "ADDR",
            description = "The address to bind, and the only one cluster traffic uses (an agent's servers listen"
                    + " there too). Default for run: the address the route to the first member leaves from.")
    String bindAddress;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "The cluster port to listen on (default " + DEFAULT_PORT + "; the next free one after it).")
    Integer port;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description = "The cluster's shared key (at least 16 bytes, mode 0600): every task is signed with it and"
                    + " agents refuse tasks without a valid signature.")
    Path keyFile;

    /** True when any cluster option is given. */
    public boolean given() {
        return cluster != null || members != null || bindAddress != null || port != null || keyFile != null;
    }

    /**
     * Checks the options a cluster needs and reads the key.
     *
     * @param needInterface whether {@code --interface} is required (an agent's is)
     * @throws BadInputException when one is missing or wrong
     */
    public ClusterKey validate(boolean needInterface) {
        if (cluster == null || cluster.isBlank()) {
            throw new BadInputException("--cluster NAME is required");
        }
        if (members == null || members.isEmpty()) {
            throw new BadInputException("--members HOST[:PORT],... is required: the cluster's members to join");
        }
        for (String m : members) {
            member(m);
        }
        if (needInterface && bindAddress == null) {
            throw new BadInputException("--interface ADDR is required: the address an agent binds");
        }
        if (bindAddress != null) {
            literal(bindAddress);
        }
        if (port != null && (port < 1 || port > 65_535)) {
            throw new BadInputException("--port must be 1 to 65535, got " + port);
        }
        if (keyFile == null) {
            throw new BadInputException("--key-file FILE is required: the cluster's shared key (mode 0600)");
        }
        return ClusterKey.read(keyFile);
    }

    /** The address to bind: {@code --interface}, else the one the route to the first member leaves from. */
    public String bindAddress() {
        if (bindAddress != null) {
            return bindAddress;
        }
        InetSocketAddress first = member(members.getFirst());
        try (DatagramSocket probe = new DatagramSocket()) {
            // connect() on a datagram socket sends nothing: it only asks the kernel for the route.
            probe.connect(first);
            return probe.getLocalAddress().getHostAddress();
        } catch (IOException e) {
            throw new BadInputException(
                    "no route to " + members.getFirst() + " (" + e.getMessage() + "); give --interface ADDR");
        }
    }

    /**
     * The Hazelcast configuration of a member of this cluster.
     *
     * @param name the member's name; an agent's is what placements name it by
     * @param lite true for the controller: a lite member holds no data and runs no tasks
     */
    public Config memberConfig(String name, boolean lite) {
        String address = bindAddress();
        Config config = new Config();
        config.setClusterName(cluster);
        config.setInstanceName(
                "sockbench-" + name + "-" + ProcessHandle.current().pid());
        config.setLiteMember(lite);
        config.getMemberAttributeConfig().setAttribute(AGENT_ATTRIBUTE, lite ? "" : name);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port != null ? port : DEFAULT_PORT).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(address);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        // Only the given interface, never 0.0.0.0.
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", address);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        // A member gone (killed, unplugged) is noticed within seconds, not the default minute.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        // Tasks and signals are our own IdentifiedDataSerializable and byte arrays: no class from
        // the wire is deserialized by Java serialization but ours.
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        filter.getWhitelist().addPrefixes("dev.sockbench.");
        config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
        config.getSerializationConfig().addDataSerializableFactory(SignedTask.FACTORY_ID, SignedTask.FACTORY);
        config.getExecutorConfig(Wire.EXECUTOR).setPoolSize(16);
        return config;
    }

    /** Hazelcast speaks at INFO about every member; sockbench's output keeps its warnings only. */
    public static void quietLogging() {
        HAZELCAST_LOG.setLevel(Level.WARNING);
        // Its warning about JDK internals concerns its own speed; cluster traffic is control only.
        HAZELCAST_FACTORY_LOG.setLevel(Level.SEVERE);
    }

    // Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level.
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    private static final Logger HAZELCAST_FACTORY_LOG =
            Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory");

    static InetSocketAddress member(String text) {
        String host = text;
        int port = DEFAULT_PORT;
        int colon = text.lastIndexOf(':');
        if (colon > 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new BadInputException("--members takes HOST[:PORT], got '" + text + "'");
            }
        }
        if (host.isBlank() || port < 1 || port > 65_535) {
            throw new BadInputException("--members takes HOST[:PORT], got '" + text + "'");
        }
        return new InetSocketAddress(host, port);
    }

    private static void literal(String address) {
        try {
            InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--interface takes an IP address, got '" + address + "'");
        }
    }
}
