package dev.sockbench.bench.testing;

import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Stand-ins for {@code ServerMain} that follow (or break, on purpose) its process contract, to
 * test the runner's process handling: a real process, a real socket, real signals. The nested
 * classes are the misbehaving variants.
 */
public final class FakeServer {
    private FakeServer() {}

    /** The model id that makes {@link #main} behave like {@link DiesOnConnect}. */
    public static final String DYING_MODEL = "dies";

    /**
     * Listens, prints {@code LISTENING tcp://127.0.0.1:PORT}, accepts and holds connections,
     * answers {@code USAGE} on stdin, exits 0 on SIGTERM; started with {@code --model dies}, dies
     * on the first connection instead.
     */
    public static void main(String[] args) throws Exception {
        serve(java.util.List.of(args).contains(DYING_MODEL), false, Usage.ANSWER);
    }

    /** How a fake answers {@code USAGE}. */
    private enum Usage {
        ANSWER,
        IGNORE,
        /** With a line that lacks fields. */
        GARBLE
    }

    private static void serve(boolean dieOnConnect, boolean ignoreTerm, Usage usage) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> {
            if (!ignoreTerm) {
                stop.countDown();
            }
        });
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    if (dieOnConnect) {
                        die();
                    }
                    Thread.ofPlatform().daemon().start(() -> drain(s));
                }
            } catch (IOException closed) {
                // stopping
            }
        });
        System.err.println("fake server: starting"); // stderr before the marker, as a real server may warn
        ResourceUsage.ofThisProcess(); // links getrusage now, as ServerMain does, so answers are quick
        println(ProcessLines.listening(Endpoint.inet(Transport.TCP, "127.0.0.1", server.getLocalPort())));
        if (usage != Usage.IGNORE) {
            Thread.ofPlatform().daemon().start(() -> answerUsage(usage));
        }
        stop.await();
        server.close();
        System.exit(0);
    }

    private static void answerUsage(Usage usage) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (ProcessLines.isUsageRequest(line)) {
                    println(
                            usage == Usage.GARBLE
                                    ? "USAGE userCpuUs=1"
                                    : ProcessLines.usageReply(ResourceUsage.ofThisProcess()));
                }
            }
        } catch (IOException e) {
            // no stdin: nothing to answer
        }
    }

    private static synchronized void println(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Says so and exits 1, holding {@link #println}'s lock: no USAGE answer can follow the line. */
    private static synchronized void die() {
        println("fake server: dying on purpose");
        Runtime.getRuntime().halt(1);
    }

    private static void drain(Socket s) {
        try (s) {
            s.getInputStream().transferTo(OutputStreamNull.INSTANCE);
        } catch (IOException e) {
            // the peer went away
        }
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {}
    }

    /** Never prints LISTENING. */
    public static final class Silent {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("fake server: thinking");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Exits with code 3 before listening, as a server does on bad input. */
    public static final class ExitsEarly {
        public static void main(String[] args) {
            System.err.println("sockbench: unknown model 'nope'; accepted: a, b");
            System.exit(3);
        }
    }

    /** Prints a LISTENING line whose endpoint has no port, then waits to be stopped. */
    public static final class GarblesListening {
        public static void main(String[] args) throws InterruptedException {
            println("LISTENING tcp://127.0.0.1");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Listens, then dies (exit 1) when the first connection arrives. */
    public static final class DiesOnConnect {
        public static void main(String[] args) throws Exception {
            serve(true, false, Usage.ANSWER);
        }
    }

    /** Listens and ignores SIGTERM, so it has to be killed. */
    public static final class IgnoresTerm {
        public static void main(String[] args) throws Exception {
            serve(false, true, Usage.ANSWER);
        }
    }

    /** Serves, but never answers {@code USAGE}. */
    public static final class IgnoresUsage {
        public static void main(String[] args) throws Exception {
            serve(false, false, Usage.IGNORE);
        }
    }

    /** Serves, but answers {@code USAGE} with a line that lacks fields. */
    public static final class GarblesUsage {
        public static void main(String[] args) throws Exception {
            serve(false, false, Usage.GARBLE);
        }
    }
}
