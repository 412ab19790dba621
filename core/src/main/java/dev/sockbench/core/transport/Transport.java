package dev.sockbench.core.transport;

import dev.sockbench.core.cli.Identified;

/**
 * The four socket transports sockbench drives. A closed set: each constant has a short,
 * stable id (used on the command line, in file names and in {@code summary.json}) and says
 * whether it is a byte stream (framed by the wire protocol) or keeps message boundaries.
 */
public enum Transport implements Identified {
    TCP("tcp", true, false, "TCP on loopback (IPv4 or IPv6)"),
    UDP("udp", false, false, "UDP datagrams on loopback"),
    UNIX_STREAM("unix-stream", true, true, "Unix domain stream socket (a socket file)"),
    UNIX_DGRAM("unix-dgram", false, true, "Unix domain datagram socket (a socket file)");

    /**
     * Largest datagram payload sockbench sends on a datagram transport: the UDP maximum over
     * IPv4 (65,535 - 8 byte UDP header - 20 byte IP header). Unix datagrams use the same bound
     * so that both datagram transports carry the same messages.
     */
    public static final int MAX_DATAGRAM_BYTES = 65_507;

    private final String id;
    private final boolean streamOriented;
    private final boolean unixDomain;
    private final String description;

    Transport(String id, boolean streamOriented, boolean unixDomain, String description) {
        this.id = id;
        this.streamOriented = streamOriented;
        this.unixDomain = unixDomain;
        this.description = description;
    }

    /** The short id: {@code tcp}, {@code udp}, {@code unix-stream} or {@code unix-dgram}. */
    @Override
    public String id() {
        return id;
    }

    /** True for byte streams (TCP, Unix stream), which need framing; false for datagrams. */
    public boolean streamOriented() {
        return streamOriented;
    }

    /** True for the transports addressed by a socket file rather than host and port. */
    public boolean unixDomain() {
        return unixDomain;
    }

    public String description() {
        return description;
    }

    /**
     * Looks a transport up by its id.
     *
     * @throws IllegalArgumentException naming the accepted ids when {@code id} is unknown
     */
    public static Transport fromId(String id) {
        return Identified.byId(Transport.class, "transport", id);
    }

    /** The accepted ids, comma separated, for help texts and error messages. */
    public static String ids() {
        return Identified.ids(Transport.class);
    }

    @Override
    public String toString() {
        return id;
    }
}
