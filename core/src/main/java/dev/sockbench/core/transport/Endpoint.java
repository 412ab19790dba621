package dev.sockbench.core.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a server listens or a client connects, written as a URI:
 *
 * <pre>
 *   tcp://127.0.0.1:7007      udp://[::1]:7007
 *   unix:///tmp/echo.sock     unix-dgram:///tmp/echo-dgram.sock
 * </pre>
 *
 * {@code unix-stream://} is accepted as a synonym of {@code unix://}. Host-and-port endpoints
 * have {@code path == null}; Unix endpoints have {@code host == null} and {@code port == 0}.
 * Port 0 asks the kernel for a free port; the running server reports the real one.
 *
 * <p>Example: {@code Endpoint.parse("tcp://127.0.0.1:0").withPort(40123).toString()} is
 * {@code "tcp://127.0.0.1:40123"}.
 */
public record Endpoint(Transport transport, String host, int port, Path path) {

    public Endpoint {
        Objects.requireNonNull(transport, "transport");
        if (transport.unixDomain()) {
            Objects.requireNonNull(path, "path");
            if (host != null || port != 0) {
                throw new IllegalArgumentException("a Unix endpoint has a path, not a host and port");
            }
        } else {
            Objects.requireNonNull(host, "host");
            if (path != null) {
                throw new IllegalArgumentException("an IP endpoint has a host and port, not a path");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
            }
        }
    }

    /** An IP endpoint (TCP or UDP). */
    public static Endpoint inet(Transport transport, String host, int port) {
        return new Endpoint(transport, host, port, null);
    }

    /** A Unix domain endpoint (stream or datagram). */
    public static Endpoint unix(Transport transport, Path path) {
        return new Endpoint(transport, null, 0, path);
    }

    /**
     * Parses the URI form.
     *
     * @throws IllegalArgumentException with a one-line message saying what is wrong and which
     *     forms are accepted
     */
    public static Endpoint parse(String text) {
        String forms = "expected tcp://HOST:PORT, udp://HOST:PORT, unix:///PATH or unix-dgram:///PATH";
        int sep = text.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("malformed endpoint '" + text + "'; " + forms);
        }
        String scheme = text.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(sep + 3);
        Transport transport;
        switch (scheme) {
            case "unix", "unix-stream" -> transport = Transport.UNIX_STREAM;
            case "tcp", "udp", "unix-dgram" -> transport = Transport.fromId(scheme);
            default ->
                throw new IllegalArgumentException("unknown scheme '" + scheme + "' in '" + text + "'; " + forms);
        }
        if (transport.unixDomain()) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("endpoint '" + text + "' has no socket path; " + forms);
            }
            return unix(transport, Path.of(rest));
        }
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new IllegalArgumentException("endpoint '" + text + "' needs HOST:PORT; " + forms);
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(
                    "IPv6 address in '" + text + "' must be bracketed, e.g. tcp://[::1]:7007");
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "port '" + rest.substring(colon + 1) + "' in '" + text + "' is not a number");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " in '" + text + "' is out of range 0..65535");
        }
        return inet(transport, host, port);
    }

    /** The same endpoint with another port (the one a server actually bound). */
    public Endpoint withPort(int newPort) {
        return inet(transport, host, newPort);
    }

    /** The socket address to bind or connect: an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}. */
    public SocketAddress socketAddress() {
        return transport.unixDomain() ? UnixDomainSocketAddress.of(path) : inetSocketAddress();
    }

    /** The resolved IP address and port; only for TCP and UDP. */
    public InetSocketAddress inetSocketAddress() {
        if (transport.unixDomain()) {
            throw new IllegalStateException(this + " is a Unix endpoint");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "' of " + this);
        }
    }

    /** True when the endpoint is on this machine only: a Unix socket, or a loopback IP address. */
    public boolean isLocal() {
        return transport.unixDomain() || inetSocketAddress().getAddress().isLoopbackAddress();
    }

    @Override
    public String toString() {
        if (transport.unixDomain()) {
            String scheme = transport == Transport.UNIX_STREAM ? "unix" : "unix-dgram";
            return scheme + "://" + path;
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return transport.id() + "://" + h + ":" + port;
    }
}
