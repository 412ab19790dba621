package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.handler.Handling;
import dev.sockbench.core.handler.Work;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.protocol.LengthFraming;
import dev.sockbench.core.protocol.Payload;
import dev.sockbench.core.server.RunningServer;
import dev.sockbench.core.server.ServerConfig;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The echo conformance suite, written once and run over every cell of {@link ServerModels}: a
 * cell that is n/a or unavailable here is skipped with its reason. Servers run in this JVM on real
 * sockets (loopback, Unix socket files); {@link ServerMainIT} covers the process around them.
 *
 * <p>The whole suite runs once per handling ({@link #handlings}): the echo, and the {@code json}
 * and {@code protobuf} handlers (each reply checked as the load generator checks it: length,
 * sequence, send time and the CRC32C of the expected reply's body), and protobuf on an offload
 * pool (event-loop models only). A handler needs length framing on a stream transport: the
 * datagram, raw and socket-file cases run for the echo only.
 */
@Timeout(60)
@ParameterizedClass(name = "{argumentSetName}")
@MethodSource("handlings")
class EchoConformanceIT {
    /** A small cap keeps the largest-frame case fast; the default 1 MiB is tested on TCP. */
    private static final int SMALL_MAX_FRAME_BYTES = 4096;

    private final Handling handling;
    private final Payload small;

    EchoConformanceIT(Handling handling) {
        this.handling = handling;
        this.small = payload(64, 64);
    }

    static Stream<Arguments> handlings() {
        return Stream.of(
                Arguments.argumentSet("echo", Handling.ECHO),
                Arguments.argumentSet("json", new Handling(HandlerKind.JSON, Work.NONE, 0)),
                Arguments.argumentSet("protobuf", new Handling(HandlerKind.PROTOBUF, Work.NONE, 0)),
                Arguments.argumentSet("protobuf offload 2", new Handling(HandlerKind.PROTOBUF, Work.NONE, 2)));
    }

    /** A request of the handling's handler: random bytes for the echo, an order for json and protobuf. */
    private Payload payload(int bytes, long seed) {
        return Payload.forHandler(handling.handler(), bytes, seed);
    }

    @TempDir
    Path folder;

    private final List<RunningServer> servers = new ArrayList<>();

    /**
     * Every cell, or those whose {@code model × transport} name matches the regular expression in
     * {@code -Dsockbench.cells} (to rerun one model: {@code -Dsockbench.cells='nio-poll.*'}).
     */
    static Stream<Cell> cells() {
        String only = System.getProperty("sockbench.cells", ".*");
        return ServerModels.cells().stream().filter(c -> (c.model() + " × " + c.transport()).matches(only));
    }

    static Stream<Cell> streamCells() {
        return cells().filter(c -> c.transport().streamOriented());
    }

    static Stream<Cell> tcpCells() {
        return cells().filter(c -> c.transport() == Transport.TCP);
    }

    static Stream<Cell> datagramCells() {
        return cells().filter(c -> !c.transport().streamOriented());
    }

    static Stream<Cell> unixCells() {
        return cells().filter(c -> c.transport().unixDomain());
    }

    @AfterEach
    void closeServersAndCheckSocketFilesAreGone() {
        for (RunningServer server : servers) {
            server.close();
            if (server.endpoint().transport().unixDomain()) {
                assertThat(server.endpoint().path())
                        .as("socket file after close")
                        .doesNotExist();
            }
        }
    }

    // ---- stream transports -------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void singleEcho(Cell cell) throws Exception {
        RunningServer server = start(cell);
        try (StreamClient client = StreamClient.connect(server.endpoint())) {
            client.echo(small, 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void thousandEchoesBackToBack(Cell cell) throws Exception {
        RunningServer server = start(cell);
        try (StreamClient client = StreamClient.connect(server.endpoint())) {
            for (long seq = 0; seq < 1000; seq++) {
                client.echo(small, seq);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void frameSplitAtEveryByteBoundary(Cell cell) throws Exception {
        RunningServer server = start(cell);
        try (StreamClient client = StreamClient.connect(server.endpoint())) {
            ByteBuffer sent = StreamClient.frame(small, 7);
            byte[] frame = bytes(sent);
            for (int split = 1; split < frame.length; split++) {
                client.write(frame, 0, split);
                client.write(frame, split, frame.length - split);
                client.assertEcho(small, 7, sent); // the frame split after byte `split`
            }
            for (byte b : frame) { // and one byte per write
                client.write(new byte[] {b}, 0, 1);
            }
            client.assertEcho(small, 7, sent);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void framesCoalescedAndSplitAnywhere(Cell cell) throws Exception {
        RunningServer server = start(cell);
        SplittableRandom random = new SplittableRandom(3);
        List<Payload> payloads =
                List.of(payload(16, 1), payload(17, 2), payload(64, 3), payload(1000, 4), payload(4096, 5));
        ByteBuffer stream = ByteBuffer.allocate(40 * (4 + 4096));
        List<ByteBuffer> frames = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ByteBuffer frame = StreamClient.frame(payloads.get(i % payloads.size()), i);
            frames.add(frame.duplicate());
            stream.put(frame);
        }
        byte[] all = bytes(stream.flip());
        try (StreamClient client = StreamClient.connect(server.endpoint())) {
            client.write(all, 0, all.length / 2); // many frames in one write, the last one cut
            for (int at = all.length / 2; at < all.length; ) { // the rest in odd pieces
                int piece = Math.min(1 + random.nextInt(300), all.length - at);
                client.write(all, at, piece);
                at += piece;
            }
            for (int i = 0; i < frames.size(); i++) {
                client.assertEcho(payloads.get(i % payloads.size()), i, frames.get(i));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void zeroLengthBody(Cell cell) throws Exception {
        RunningServer server = start(cell);
        try (StreamClient client = StreamClient.connect(server.endpoint())) {
            client.echo(payload(Payload.HEADER_BYTES, 16), 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void largestFrameAllowed(Cell cell) throws Exception {
        RunningServer server = start(cell);
        try (StreamClient client = StreamClient.connect(server.endpoint())) {
            Payload largest = payload(SMALL_MAX_FRAME_BYTES, 9);
            client.echo(largest, 1);
            client.echo(small, 2); // and small ones after it
            client.echo(largest, 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tcpCells")
    void largestFrameAtTheDefaultCap(Cell cell) throws Exception {
        RunningServer server = start(cell, c -> c.withMaxFrameBytes(LengthFraming.DEFAULT_MAX_FRAME_BYTES));
        try (StreamClient client = StreamClient.connect(server.endpoint())) {
            client.echo(payload(LengthFraming.DEFAULT_MAX_FRAME_BYTES, 10), 1);
            client.echo(small, 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void sixtyFourConcurrentConnections(Cell cell) throws Exception {
        RunningServer server = start(cell);
        List<StreamClient> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i < 64; i++) {
                    clients.add(StreamClient.connect(server.endpoint())); // all open before any echoes
                }
                List<Future<?>> done = new ArrayList<>();
                for (StreamClient client : clients) {
                    done.add(pool.submit(() -> {
                        Payload payload = payload(64, 42);
                        for (long seq = 0; seq < 50; seq++) {
                            client.echo(payload, seq);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                // Before the pool's close waits for its tasks: a read the server never answers ends
                // (the test's timeout interrupts only this thread, and the pool would wait forever).
                for (StreamClient client : clients) {
                    client.close();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void lengthOutOfRangeClosesOnlyThatConnection(Cell cell) throws Exception {
        RunningServer server = start(cell);
        try (StreamClient good = StreamClient.connect(server.endpoint())) {
            good.echo(small, 1);
            long socketsBefore = openSockets(); // the listener(s), and both ends of the good connection
            long[] badLengths = {SMALL_MAX_FRAME_BYTES + 1, Payload.HEADER_BYTES - 1, 0xFFFF_FFF0L};
            for (long badLength : badLengths) {
                try (StreamClient bad = StreamClient.connect(server.endpoint())) {
                    // Claims up to 4 GiB: a server that allocated the claim would not survive it.
                    bad.write(ByteBuffer.allocate(8)
                            .putInt((int) badLength)
                            .putInt(0)
                            .flip());
                    assertThat(bad.closedByServer())
                            .as("closed after length " + badLength)
                            .isTrue();
                }
                good.echo(small, badLength);
            }
            awaitTrue(() -> openSockets() == socketsBefore, "the server closed its end of every bad connection");
            good.echo(small, 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void clientLeavingMidFrameDoesNotDisturbOthers(Cell cell) throws Exception {
        RunningServer server = start(cell);
        try (StreamClient stays = StreamClient.connect(server.endpoint())) {
            stays.echo(small, 0);
            long socketsBefore = openSockets(); // the listener(s), and both ends of the connection that stays
            ByteBuffer frame = StreamClient.frame(small, 1);
            try (StreamClient leaves = StreamClient.connect(server.endpoint())) {
                leaves.write(frame.duplicate().limit(4 + 10)); // the prefix and part of the payload
            }
            StreamClient resets = StreamClient.connect(server.endpoint());
            resets.write(frame.duplicate().limit(2)); // half a prefix
            resets.abort();
            for (long seq = 1; seq <= 100; seq++) {
                stays.echo(small, seq);
            }
            awaitTrue(() -> openSockets() == socketsBefore, "the server closed its end of both that left");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void rawFramingEchoesBytesAsTheyCome(Cell cell) throws Exception {
        assumeTrue(handling.plainEcho(), "raw framing has no messages to handle: the echo only");
        RunningServer server = start(cell, c -> c.withFraming(Framing.RAW));
        try (StreamClient client = StreamClient.connect(server.endpoint())) {
            byte[] message = new byte[64];
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < 100; i++) { // fixed-size messages, the way a raw load generator sends them
                random.nextBytes(message);
                client.write(message, 0, message.length);
                assertThat(bytes(client.readExactly(message.length))).isEqualTo(message);
            }
            byte[] stream = new byte[20_000]; // and a byte stream in odd pieces, no framing anywhere
            random.nextBytes(stream);
            for (int at = 0; at < stream.length; ) {
                int piece = Math.min(1 + random.nextInt(3000), stream.length - at);
                client.write(stream, at, piece);
                at += piece;
            }
            assertThat(bytes(client.readExactly(stream.length))).isEqualTo(stream);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCells")
    void aRequestThatDoesNotDecodeClosesOnlyThatConnectionAndIsCounted(Cell cell) throws Exception {
        assumeTrue(!handling.plainEcho(), "the echo never looks inside a payload");
        RunningServer server = start(cell);
        try (StreamClient good = StreamClient.connect(server.endpoint())) {
            good.echo(small, 1);
            try (StreamClient bad = StreamClient.connect(server.endpoint())) {
                ByteBuffer frame = ByteBuffer.allocate(LengthFraming.PREFIX_BYTES + Payload.HEADER_BYTES + 8);
                LengthFraming.putPrefix(frame, Payload.HEADER_BYTES + 8);
                frame.putLong(1).putLong(2).putLong(0xFFFF_FFFF_FFFF_FFFFL); // no JSON, no protobuf tag
                bad.write(frame.flip());
                assertThat(bad.closedByServer())
                        .as("closed after a request that does not decode")
                        .isTrue();
            }
            good.echo(small, 2);
            awaitTrue(() -> server.malformedRequests() == 1, "the server counted the malformed request");
        }
    }

    // ---- datagram transports -----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("datagramCells")
    void datagramBoundariesKept(Cell cell) throws Exception {
        RunningServer server = start(cell);
        int[] sizes = {Payload.HEADER_BYTES, 17, 64, 1000, Payload.HEADER_BYTES, 8192, 1};
        Map<Long, byte[]> sent = new HashMap<>();
        try (DatagramClient client = DatagramClient.open(server.endpoint(), folder, "client")) {
            for (int i = 0; i < sizes.length; i++) {
                byte[] datagram = datagram(Math.max(sizes[i], Payload.HEADER_BYTES), i);
                sent.put((long) i, datagram);
                client.send(datagram); // all at once: the server may read several per wake-up
            }
            for (int i = 0; i < sizes.length; i++) {
                byte[] echoed = client.receive();
                long seq = ByteBuffer.wrap(echoed).getLong(0);
                assertThat(sent).containsKey(seq);
                assertThat(echoed).as("datagram " + seq).isEqualTo(sent.remove(seq));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datagramCells")
    void largestDatagram(Cell cell) throws Exception {
        RunningServer server = start(cell);
        try (DatagramClient client = DatagramClient.open(server.endpoint(), folder, "client")) {
            byte[] largest = datagram(Transport.MAX_DATAGRAM_BYTES, 1);
            client.send(largest);
            assertThat(client.receive()).isEqualTo(largest);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datagramCells")
    void manyPeersAtOnce(Cell cell) throws Exception {
        RunningServer server = start(cell);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int peer = 0; peer < 32; peer++) {
                String name = "peer-" + peer;
                long first = peer * 1000L;
                done.add(pool.submit(() -> {
                    try (DatagramClient client = DatagramClient.open(server.endpoint(), folder, name)) {
                        for (long seq = first; seq < first + 50; seq++) {
                            byte[] datagram = datagram(64, seq);
                            client.send(datagram);
                            assertThat(client.receive())
                                    .as(name + " seq " + seq)
                                    .isEqualTo(datagram);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    // ---- Unix socket files -------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("unixCells")
    void staleSocketFileIsReplacedAndALiveOneRefused(Cell cell) throws Exception {
        assumeTrue(cell.ok(), cell.describe());
        assumeTrue(handling.plainEcho(), "socket files: the echo covers them");
        Path path = folder.resolve("echo.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path)); // the JDK leaves the file behind on close
        }
        assertThat(path).exists();

        RunningServer server = start(cell);
        assertThat(server.endpoint().path()).isEqualTo(path);
        if (cell.transport().streamOriented()) {
            try (StreamClient client = StreamClient.connect(server.endpoint())) {
                client.echo(small, 1);
            }
        } else {
            try (DatagramClient client = DatagramClient.open(server.endpoint(), folder, "client")) {
                byte[] datagram = datagram(64, 1);
                client.send(datagram);
                assertThat(client.receive()).isEqualTo(datagram);
            }
        }
        assertThatThrownBy(() -> start(cell)).isInstanceOf(IOException.class).hasMessageContaining("running server");
        assertThat(path).as("the live server's socket file is left alone").exists();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private RunningServer start(Cell cell) throws IOException {
        return start(cell, UnaryOperator.identity());
    }

    private RunningServer start(Cell cell, UnaryOperator<ServerConfig> adjust) throws IOException {
        assumeTrue(cell.ok(), cell.describe());
        assumeTrue(handling.plainEcho() || cell.transport().streamOriented(), "a handler needs a stream transport");
        var refusal = ServerModels.byId(cell.model()).refusal(handling);
        assumeTrue(refusal.isEmpty(), () -> refusal.orElse(""));
        Endpoint bind = cell.transport().unixDomain()
                ? Endpoint.unix(cell.transport(), folder.resolve("echo.sock"))
                : Endpoint.inet(cell.transport(), "127.0.0.1", 0);
        ServerConfig config = adjust.apply(
                ServerConfig.of(bind).withMaxFrameBytes(SMALL_MAX_FRAME_BYTES).withHandling(handling));
        RunningServer server = ServerModels.byId(cell.model()).start(config);
        servers.add(server);
        return server;
    }

    /** A payload-shaped datagram: sequence, send time, then pseudo-random bytes. */
    private static byte[] datagram(int bytes, long sequence) {
        Payload payload = new Payload(bytes, sequence);
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        payload.write(buffer, sequence, System.nanoTime());
        return buffer.array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Waits for a condition the server reaches on its own threads; fails after 10 s. */
    /**
     * The sockets this JVM holds open, from {@code /proc/self/fd}: the servers under test and their
     * clients both run here, so a server that does not close its end of a connection leaves one more.
     */
    private static long openSockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(EchoConformanceIT::isSocket).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSocket(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException closedMeanwhile) {
            return false; // e.g. the directory listing's own descriptor, gone once listed
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadlineNs = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNs) {
                throw new AssertionError("not reached within 10 s: " + what);
            }
            Thread.sleep(10); // polling a condition with a deadline; not synchronisation by sleeping
        }
    }
}
