package dev.sockbench.servers.reference;

import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.process.ProcessLines;
import dev.sockbench.core.server.Availability;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.server.ServerModel;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code native-epoll}: the reference, not a Java model — a minimal echo server in C on one thread
 * and one level-triggered epoll set ({@code bench/native/echo-epoll.c}, built by {@link
 * NativeBuild}). The suite runner starts its executable directly ({@link #executable}), so the
 * process measured is the server itself; {@link #start} runs it as a child process, for the
 * conformance tests and {@code sockbench server}.
 */
public final class NativeEpollModel implements ServerModel {
    private static final long START_DEADLINE_SEC = 30;

    @Override
    public String id() {
        return NATIVE_REFERENCE;
    }

    @Override
    public String description() {
        return "reference: a minimal C echo server, one thread, level-triggered epoll (bench/native/echo-epoll.c)";
    }

    @Override
    public boolean supports(Transport transport) {
        return transport != Transport.UNIX_DGRAM;
    }

    @Override
    public String unsupportedReason(Transport transport) {
        return "the native reference server covers tcp, udp and unix-stream only";
    }

    @Override
    public Availability availability() {
        return NativeBuild.executable().availability();
    }

    @Override
    public Optional<Path> executable() {
        return Optional.ofNullable(NativeBuild.executable().executable());
    }

    /** The C reference is an echo: no handler, no work, no pool. */
    @Override
    public Optional<String> refusal(Handling handling) {
        return handling.plainEcho()
                ? Optional.empty()
                : Optional.of(
                        "the native reference serves the plain echo only (--handler echo, no --work or --offload)");
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        refusal(config.handling()).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        Path exe = executable()
                .orElseThrow(() ->
                        new IOException("native-epoll is " + availability().reason()));
        Endpoint asked = config.bind();
        List<String> command = new ArrayList<>(List.of(
                exe.toString(),
                "--transport",
                asked.transport().id(),
                "--framing",
                config.framing().id(),
                "--max-frame",
                Integer.toString(config.maxFrameBytes())));
        if (asked.transport().unixDomain()) {
            command.addAll(List.of("--path", asked.path().toString()));
        } else {
            command.addAll(List.of("--bind", asked.host(), "--port", Integer.toString(asked.port())));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first;
        try {
            first = CompletableFuture.supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (IOException e) {
                            return null;
                        }
                    })
                    .get(START_DEADLINE_SEC, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("native-epoll did not start: " + e);
        }
        Endpoint bound;
        try {
            bound = first == null ? null : ProcessLines.parseListening(first).orElse(null);
        } catch (IllegalArgumentException e) {
            bound = null;
        }
        if (bound == null) {
            process.destroyForcibly();
            throw new IOException(first == null ? "native-epoll exited before it listened" : first);
        }
        return new NativeServer(process, bound);
    }

    private record NativeServer(Process process, Endpoint endpoint) implements RunningServer {
        /** The C server does not report its accept failures: none counted here (it is not under test for them). */
        @Override
        public long acceptFailures() {
            return 0;
        }

        @Override
        public void close() {
            process.destroy(); // SIGTERM: it removes its socket file and exits 0
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
