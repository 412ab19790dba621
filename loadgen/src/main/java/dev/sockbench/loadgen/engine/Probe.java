package dev.sockbench.loadgen.engine;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.client.ClientOptions;
import dev.sockbench.loadgen.client.ClientSocketPaths;
import dev.sockbench.loadgen.client.ClosedByPeerException;
import dev.sockbench.loadgen.client.Connection;
import dev.sockbench.loadgen.client.EchoMismatchException;
import dev.sockbench.loadgen.pacing.NanoClock;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import dev.sockbench.loadgen.recording.Tally;
import java.io.IOException;
import java.nio.channels.Selector;
import org.newsclub.net.unix.AFUNIXSelectorProvider;

/**
 * One request before the run, on a connection of its own: the target must be reachable and must
 * echo what it is sent in the framing asked for. Otherwise the run would only measure errors; the
 * user gets one line saying what is wrong instead (exit code 2).
 */
public final class Probe {
    private Probe() {}

    /**
     * Sends one request of {@code payloadBytes} to {@code target} and waits up to {@code
     * timeoutNs} for its verified echo.
     *
     * @throws BadInputException naming the target and what went wrong
     */
    public static void check(
            Endpoint target,
            Framing framing,
            HandlerKind handler,
            int payloadBytes,
            long seed,
            long timeoutNs,
            NanoClock clock) {
        try (ClientSocketPaths paths = target.transport() == Transport.UNIX_DGRAM ? ClientSocketPaths.create() : null) {
            check(
                    new ClientOptions(target, framing, payloadBytes, 1, seed, timeoutNs, paths, handler),
                    timeoutNs,
                    clock);
        } catch (IOException e) {
            throw new BadInputException("cannot create a socket folder for the client: " + e.getMessage(), e);
        }
    }

    private static void check(ClientOptions client, long timeoutNs, NanoClock clock) {
        String target = client.target().toString();
        String hint = client.target().transport().streamOriented()
                ? " (does it speak --framing " + client.framing().id() + " and --handler " + client.handler() + "?)"
                : "";
        Tally tally = new Tally(Long.MIN_VALUE, Long.MAX_VALUE);
        Connection c = Connection.forTransport(client, 0);
        try (Selector selector = client.target().transport() == Transport.UNIX_DGRAM
                ? AFUNIXSelectorProvider.provider().openSelector()
                : Selector.open()) {
            long deadlineNs = clock.nanoTime() + timeoutNs;
            boolean connected;
            try {
                connected = c.open(selector);
                while (!connected) {
                    if (!waitReady(selector, deadlineNs, clock)) {
                        throw new BadInputException(
                                "cannot connect to " + target + ": no answer within " + timeoutNs / 1_000_000 + " ms");
                    }
                    connected = c.finishConnect();
                }
            } catch (IOException e) {
                throw new BadInputException("cannot connect to " + target + ": " + e.getMessage(), e);
            }
            try {
                long now = clock.nanoTime();
                c.send(now, now, tally);
                c.flush(tally);
                while (true) {
                    if (!waitReady(selector, deadlineNs, clock)) {
                        throw new BadInputException(
                                "no echo from " + target + " within " + timeoutNs / 1_000_000 + " ms" + hint);
                    }
                    LatencyRecorder recorder = new LatencyRecorder();
                    long batch = recorder.beginBatch();
                    int answered;
                    try {
                        answered = c.read(clock.nanoTime(), recorder, tally);
                    } finally {
                        recorder.endBatch(batch);
                    }
                    if (answered > 0) {
                        return;
                    }
                    if (tally.verifyErrors > 0) {
                        throw new BadInputException("the echo from " + target + " differs from the request");
                    }
                }
            } catch (ClosedByPeerException e) {
                throw new BadInputException(target + " closed the connection on the first request" + hint, e);
            } catch (EchoMismatchException e) {
                throw new BadInputException("the echo from " + target + " is wrong: " + e.getMessage() + hint, e);
            } catch (IOException e) {
                throw new BadInputException("cannot reach " + target + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot reach " + target + ": " + e.getMessage(), e);
        } finally {
            c.close();
        }
    }

    /** Waits for the connection's key to be ready; false at the deadline. */
    private static boolean waitReady(Selector selector, long deadlineNs, NanoClock clock) throws IOException {
        while (true) {
            long remainingMs = (deadlineNs - clock.nanoTime() + 999_999) / 1_000_000;
            if (remainingMs <= 0) {
                return false;
            }
            int ready = selector.select(remainingMs);
            if (ready > 0) {
                selector.selectedKeys().clear();
                return true;
            }
        }
    }
}
